/**
 * What generated DAOs call: dialects, the get-or-create algorithm, schema checks and error
 * classification. Not API: anything here may change in any release; depend only on
 * {@code io.getorcreate} and on the generated DAOs.
 */
package io.getorcreate.internal;
