// «Организация»: whose report this is — the name printed on the annual report's title page (DOCX,
// issue 15 §5) and its level. A developers' setting (JSON only): data/config/organisation.json;
// the default «Регион» until a region writes its own name.
import {z} from "zod";
import {defineSetting} from "./definition.ts";

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1, "название не может быть пустым").max(300, "не длиннее 300 знаков"),
  level: z.enum(["region", "municipality", "school"], {message: "уровень — region, municipality или school"})
});
export type OrganisationSetting = z.infer<typeof OrganisationSchema>;

/** The level as the title page says it. */
export const LEVEL_LABELS: Record<OrganisationSetting["level"], string> = {
  region: "региональный уровень",
  municipality: "муниципальный уровень",
  school: "уровень образовательной организации"
};

export const organisationSetting = defineSetting({key: "organisation", file: "organisation.json", label: "Организация", schema: OrganisationSchema});
