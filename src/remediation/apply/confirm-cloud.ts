// The last rail before anything changes: on a terminal the operator types the cloud's name; unattended runs must
// say --yes. A mistyped name, or no terminal and no --yes, means nothing is done.

import { createInterface } from "node:readline/promises";

export async function confirmCloud(
  cloud: string,
  options: { yes: boolean; input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream },
): Promise<string | null> {
  if (options.yes) return null;
  if (options.input.isTTY !== true) return "not a terminal: pass --yes to apply unattended";
  const reader = createInterface({ input: options.input, output: options.output });
  try {
    const answer = await reader.question(`Type the cloud's name (${cloud}) to apply these steps: `);
    return answer.trim() === cloud ? null : `the name typed was not ${cloud}`;
  } finally {
    reader.close();
  }
}
