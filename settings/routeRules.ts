// «Правила ИОМ»: which deficit levels need an individual route, how many hours of programmes a
// deficit of each level asks for, at most how many activities per area, the target share of young
// specialists with a mentor and who counts as young (lib/routeRules.ts). No seed fixes the hours:
// a setting. File data/config/routes.json.
import {RouteRulesSchema} from "../lib/routeRules.ts";
import {defineSetting} from "./definition.ts";

export const routeRulesSetting = defineSetting({
  key: "routeRules",
  file: "routes.json",
  label: "Правила ИОМ",
  schema: RouteRulesSchema
});
