// `stacksweep scan | head -3`: the reader closing the pipe is the operator's choice, not a failure. The rest of
// the output is dropped and the command finishes as it would have (a scan is still recorded with --store, an apply
// still runs its audited steps to the end rather than stopping half-way), with its own exit code and no stack trace.

/** Makes EPIPE on `stream` end its output quietly; any other write error still surfaces. */
export function dropOutputOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
      // Later writes go nowhere instead of failing again.
      stream.write = () => true;
      return;
    }
    throw error;
  });
}
