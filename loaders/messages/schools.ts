// Russian wording of what the server says to a school uploading her own files: a kind of file her
// role may not upload from her account.
import type {SchoolsIssueDetails} from "../issueKinds.ts";
import type {MessageWriters} from "./index.ts";

export const schoolsMessages: MessageWriters<keyof SchoolsIssueDetails> = {
  "upload/kind-not-allowed": (f) =>
    `Файл не принят: это ${f.details.label}, а с вашей учётной записи загружается только ${f.details.allowed}. ` +
    "Передайте этот файл методисту РНЦ."
};
