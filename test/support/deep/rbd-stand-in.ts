// The start of every `rbd` stand-in script of the tests: drops the global options the clients pass (`--conf`,
// `--id`, `--keyring`, `--client-mount-timeout`, `--format`) and appends the rest, one command line, to `log`, so a
// stand-in answers (and a test asserts) exactly what was asked, e.g. "info volumes/volume-<id>".
export function rbdStandInPrelude(log: string): string[] {
  return [
    "#!/bin/sh",
    'line=""; while [ $# -gt 0 ]; do case "$1" in',
    "  --conf|--id|--keyring|--client-mount-timeout|--format) shift 2 ;;",
    '  *) line="${line:+$line }$1"; shift ;;',
    "esac; done",
    `echo "$line" >> '${log}'`,
  ];
}
