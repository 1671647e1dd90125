export * from "./client";
export * from "./user";
export * from "./orgs";
export * from "./repos";
export * from "./workflows";
export * from "./runs";
export * from "./rate-limit";
export * from "./polling";
