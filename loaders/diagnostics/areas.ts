// Competence areas: the schema and the header matching live in lib/competenceAreas.ts and the
// configuration is loaded by the settings module (settings/areas.ts); re-exported for the loader.
export {AreasConfigSchema, matchArea, type AreasConfig, type AreaDef} from "../../lib/competenceAreas.ts";
