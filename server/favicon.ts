// The product's icon (a white «Н» on blue, 32 × 32, PNG inside ICO), served at /favicon.ico by the
// server for its own pages and the dashboards; the same bytes as src/favicon.ico (the dashboards'
// build copies that one), checked by tests/server/favicon.test.ts.
export const FAVICON = Buffer.from(
  "AAABAAEAICAAAAEAIACXAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAF5JREFUeNpjYMAB9GO7/lMTMxADqG0pSY6hl+VYHUFvyzEcMbIdMFCWwx1BSAE6oLb6UQeMOmDUASQ7gFQw6oDh54DRXDDqgFEH0N0Bw7pdONosHzxds0HROR2o7jkA/wAuwE8cTCsAAAAASUVORK5CYII=", "base64");
