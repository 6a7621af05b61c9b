// A file under a folder named by a URL path, or null: no escaping the folder, no dot-files.
import {join, normalize, sep} from "node:path";

export function underRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  if (decoded.split("/").some((p) => p.startsWith(".") && p.length > 0)) return null;
  return full;
}
