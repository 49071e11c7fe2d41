// undici's Agent on its own (see `BotApiHttp.connections`): the package has no `exports` map,
// so its modules may be loaded one by one, but it declares types for its index only.
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}
