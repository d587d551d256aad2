export async function runDevcloudComparison(_o: unknown): Promise<number> {
  return 0;
}
