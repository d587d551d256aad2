// Commander argument parser for options that take comma-separated ids and may be repeated: `--checks a,b --checks c`.

export function commaList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  ];
}
