// Russian wording of what the server says to a school uploading her own files (issue 16 §4): a
// kind of file her role may not upload from her account.
import type {MessageWriter} from "./index.ts";

export const schoolsMessages: Record<string, MessageWriter> = {
  "upload/kind-not-allowed": (f) => {
    const d = (f.details ?? {}) as {label?: string; allowed?: string};
    return `Файл не принят: это ${d.label ?? "файл другого вида"}, а с вашей учётной записи загружается только ${d.allowed ?? "квартальный отчёт"}. ` +
      "Передайте этот файл методисту РНЦ.";
  }
};
