// Which wave a text names: entry («входная», «начальная», «вход») or exit («итоговая», «выход»).
import {normalizeKey} from "../../lib/normalizeText.ts";

export type Wave = "entry" | "exit";

const ENTRY = /(входн|начальн|стартов|первичн|(^|[^а-яa-z])вход($|[^а-яa-z])|(^|[^a-z])entry($|[^a-z]))/;
const EXIT = /(итогов|выходн|(^|[^а-яa-z])выход($|[^а-яa-z])|финальн|заключительн|повторн|(^|[^a-z])exit($|[^a-z]))/;

/** The wave a text names, or null when it names none or both («входная и итоговая»). */
export function waveOf(text: string): Wave | null {
  const key = normalizeKey(text).replace(/_/g, " ");
  const entry = ENTRY.test(key), exit = EXIT.test(key);
  return entry === exit ? null : entry ? "entry" : "exit";
}

export const WAVE_RU: Record<Wave, string> = {entry: "входная", exit: "итоговая"};
