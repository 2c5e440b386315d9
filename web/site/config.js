// Per-deployment settings, written at deploy time. apiBase is the API's origin (no trailing slash);
// "" means the API is served from the same origin as these pages.
window.BIDRAG_CONFIG = { apiBase: "" };
