/**
 * The parts of `docker compose config --format json` the grader reads. Compose has already merged
 * the files, applied profiles, interpolated variables and made paths absolute, so checks read this
 * model and never the raw YAML.
 */
export interface ComposeModel {
  readonly name: string;
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly networks?: Readonly<Record<string, ComposeNetwork>>;
  readonly volumes?: Readonly<Record<string, ComposeVolume>>;
  readonly secrets?: Readonly<Record<string, { readonly file?: string; readonly environment?: string; readonly external?: boolean }>>;
  readonly configs?: Readonly<Record<string, { readonly file?: string; readonly content?: string; readonly external?: boolean }>>;
}

export interface ComposeService {
  readonly image?: string;
  readonly container_name?: string;
  readonly build?: {
    readonly context: string;
    readonly dockerfile?: string;
    readonly target?: string;
    readonly labels?: Record<string, string>;
    /** More tags than `image:` for the built image. */
    readonly tags?: readonly string[];
  };
  readonly command?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly environment?: Readonly<Record<string, string | null>>;
  readonly env_file?: readonly ({ readonly path: string } | string)[];
  readonly healthcheck?: {
    readonly test?: readonly string[];
    readonly interval?: string;
    readonly timeout?: string;
    readonly retries?: number;
    readonly start_period?: string;
    readonly disable?: boolean;
  };
  readonly depends_on?: Readonly<Record<string, { readonly condition: string; readonly required?: boolean; readonly restart?: boolean }>>;
  readonly profiles?: readonly string[];
  readonly networks?: Readonly<Record<string, { readonly aliases?: readonly string[]; readonly ipv4_address?: string } | null>>;
  readonly ports?: readonly {
    readonly target: number;
    readonly published?: string;
    readonly host_ip?: string;
    readonly protocol?: string;
    readonly mode?: string;
  }[];
  readonly volumes?: readonly ComposeMount[];
  readonly tmpfs?: readonly string[];
  readonly secrets?: readonly { readonly source: string; readonly target?: string }[];
  readonly user?: string;
  readonly read_only?: boolean;
  readonly cap_add?: readonly string[];
  readonly cap_drop?: readonly string[];
  readonly security_opt?: readonly string[];
  readonly privileged?: boolean;
  readonly restart?: string;
  readonly init?: boolean;
  readonly stop_grace_period?: string;
  readonly stop_signal?: string;
  readonly mem_limit?: string | number;
  readonly memswap_limit?: string | number;
  readonly mem_reservation?: string | number;
  readonly cpus?: string | number;
  readonly cpu_quota?: number;
  readonly cpu_period?: number;
  readonly pids_limit?: number;
  readonly network_mode?: string;
  readonly pid?: string;
  readonly ipc?: string;
  readonly logging?: { readonly driver?: string; readonly options?: Readonly<Record<string, string>> };
  readonly labels?: Readonly<Record<string, string>>;
  readonly deploy?: {
    readonly resources?: {
      readonly limits?: { readonly cpus?: string | number; readonly memory?: string | number; readonly pids?: number };
      readonly reservations?: { readonly memory?: string | number };
    };
  };
}

export interface ComposeMount {
  readonly type: "volume" | "bind" | "tmpfs" | "npipe" | "cluster";
  readonly source?: string;
  readonly target: string;
  readonly read_only?: boolean;
}

export interface ComposeNetwork {
  readonly name?: string;
  readonly internal?: boolean;
  readonly external?: boolean;
  readonly driver?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ComposeVolume {
  readonly name?: string;
  readonly external?: boolean;
  readonly driver?: string;
  readonly labels?: Readonly<Record<string, string>>;
}
