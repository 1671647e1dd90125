/** The GHES release the simulator speaks for (X-GitHub-Enterprise-Version, /meta). */
export const GHES_VERSION = "3.19.0";
/** REST API versions accepted in X-GitHub-Api-Version. */
export const API_VERSIONS = ["2022-11-28"];
