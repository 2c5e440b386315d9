/**
 * The API's contract: the OpenAPI 3.1 document of every HTTP route (kept as {@code openapi.yaml} at the
 * repository's root, packaged into the functions' jar) served at {@code GET /openapi.yaml}, without a token.
 */
package se.bidrag.apidoc;
