/**
 * The house's floors (docs/authors/architecture.md): each room of harness/ imports only from its own
 * floor and the floors below it, and no module imports itself back through others. graders/ is the
 * floor of the exercises' suites; tests and benchmarks stand outside the house and may use any room.
 */
const FLOORS = [
  ["kernel"],
  ["locks"],
  ["engine"],
  ["submission", "exercise", "config", "dockerfile", "compose", "policy", "lint", "layers", "images", "secrets", "preflight", "sandbox"],
  ["checks"],
  ["graders"],
  ["grading", "scoring"],
  ["report"],
  ["batch", "ci"],
  ["cli"],
];

const roomPath = (room) => (room === "graders" ? "^graders/" : `^harness/${room}/`);
const upward = FLOORS.slice(0, -1).flatMap((rooms, floor) =>
  rooms.map((room) => ({
    name: `floor-${room}`,
    comment: `${room} (floor ${floor}) imports only from its floor and the floors below`,
    severity: "error",
    from: { path: roomPath(room) },
    to: {
      path: FLOORS.slice(floor + 1)
        .flat()
        .map(roomPath)
        .join("|"),
    },
  })),
);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "an import circle makes two modules one; break it by moving what both need below them",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "rooms-only",
      comment: "every module of harness/ lives in a room (a folder) of one of the floors",
      severity: "error",
      from: { path: "^harness/[^/]+$" },
      to: {},
    },
    {
      name: "docker-in-engine-only",
      comment: "only the engine room speaks Docker: other rooms go through the Engine interface",
      severity: "error",
      from: { path: "^(harness|graders)/", pathNot: "^harness/engine/" },
      to: { path: "node_modules/(@types/)?(dockerode|docker-modem|testcontainers)/" },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^dist/" },
  },
};
