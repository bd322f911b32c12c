/**
 * What a multi-stage build leaves behind in the builder, as paths of an image (no leading slash,
 * e.g. `usr/bin/gcc-12`). Shared by the check that forbids them and the layer analysis that groups
 * them by layer; here rather than in the check, which reads the analysis and must not be imported by it.
 */

/** Compilers and build tools. */
export const BUILD_TOOL_PATHS: readonly RegExp[] = [
  /^usr\/(local\/)?bin\/([\w.-]+-)?(gcc|g\+\+|c\+\+|cc|cpp|ld|as|make|clang|rustc|go|javac)(-[\d.]+)?$/,
  /^usr\/lib\/gcc\//,
];

/** Downloaded packages and package lists. */
export const PACKAGE_CACHE_PATHS: readonly RegExp[] = [
  /^var\/cache\/apt\/archives\/.*\.deb$/,
  /^var\/lib\/apt\/lists\/(?!lock$|partial$|auxfiles$)[^/]+$/,
  /^root\/\.(npm|cache)\//,
];
