/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and bench code are separate Node programs, never bundled into the app.
  outputFileTracingExcludes: { "*": ["simulator/**", "bench/**", "tests/**"] },
};

export default nextConfig;
