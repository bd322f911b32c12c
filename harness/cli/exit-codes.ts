/** The CLI contract that instructors' tools and CI rely on. */
export const EXIT = {
  allPassed: 0,
  someFailed: 1,
  usageOrUngradable: 2,
  noEngine: 3,
  interrupted: 130,
} as const;
