// Known open-redirect payloads (OWASP's unvalidated-redirects cheat sheet, PayloadsAllTheThings),
// as a browser's form submission hands them to the server: raw, percent-encoded once or more,
// with backslashes, tabs, new lines, NULs, dot segments, user-info and look-alike dots.
export const OPEN_REDIRECT_PAYLOADS = [
  "/\\evil.com", "/%5Cevil.com", "/%5cevil.com", "\\\\evil.com", "\\/evil.com", "/\\/evil.com", "//evil.com", "///evil.com", "////evil.com",
  "/%2F%2Fevil.com", "/%2f%2fevil.com", "%2F%2Fevil.com", "/%252F%252Fevil.com", "/%25252F%25252Fevil.com", "https://evil.com", "http:evil.com",
  "http:/evil.com", "https:\\\\evil.com", "//evil%E3%80%82com", "/.//evil.com", "/..//evil.com", "/./../..//evil.com", "/\t/evil.com",
  "/%09/evil.com", "/\n/evil.com", "/%0A/evil.com", "/%0D%0A/evil.com", " //evil.com", "\u0000//evil.com", "/%00//evil.com", "javascript:alert(1)",
  "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "//127.0.0.1@evil.com", "/@evil.com/..//", "http://127.0.0.1:3000@evil.com",
  "//evil.com/%2F..", "/%2e%2e//evil.com", "/%2E/%2Fevil.com", "/\u3002evil.com", "〱evil.com", "/\\t/evil.com", "%5C%5Cevil.com",
  "/%5C%5Cevil.com", "/%255Cevil.com", "/%%32%66evil.com", "/%E2%80%AE//evil.com", `/${"%25".repeat(10)}2F%2Fevil.com`
];
