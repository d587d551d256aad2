// Types of the three undici files transport/agent.ts loads without undici's index (which has them all).
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";
  const agent: typeof Agent;
  export default agent;
}
declare module "undici/lib/dispatcher/dispatcher.js" {
  const dispatcher: { prototype: object };
  export default dispatcher;
}
declare module "undici/lib/api/index.js" {
  const api: Record<string, unknown>;
  export default api;
}
