import type { ComposeModel, ComposeService } from "../../../harness/engine/compose-model.ts";

/** Hand-written resolved models, shaped like `docker compose config --format json` output. */
export const ROOT = "/sub";

export function model(services: Record<string, ComposeService>, extra: Partial<ComposeModel> = {}): ComposeModel {
  return { name: "t", services, ...extra };
}

const probe = { test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"], interval: "2s" };

/** The web -> api -> db stack as the solution resolves. */
export const GOOD_STACK = model(
  {
    db: {
      build: { context: `${ROOT}/db` },
      environment: { DB_USER: "app", DB_PASSWORD_FILE: "/run/secrets/db_password" },
      secrets: [{ source: "db_password", target: "/run/secrets/db_password" }],
      healthcheck: probe,
    },
    api: {
      build: { context: `${ROOT}/api` },
      environment: { DB_HOST: "db", DB_PORT: "5432", DB_USER: "app", LOG_LEVEL: "info", DB_PASSWORD_FILE: "/run/secrets/db_password" },
      secrets: [{ source: "db_password", target: "/run/secrets/db_password" }],
      depends_on: { db: { condition: "service_healthy", required: true } },
      healthcheck: probe,
    },
    web: {
      build: { context: `${ROOT}/web` },
      environment: { API_URL: "http://api:8080" },
      depends_on: { api: { condition: "service_healthy", required: true } },
      healthcheck: probe,
    },
  },
  { secrets: { db_password: { file: `${ROOT}/secrets/db_password.txt` } } },
);
