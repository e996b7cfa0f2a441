import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import * as apps from "kubernetes-models/apps/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as batch from "kubernetes-models/batch/v1";
import * as core from "kubernetes-models/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as policy from "kubernetes-models/policy/v1";

/**
 * Deployment artefacts: every Kustomize overlay renders (`kubectl kustomize`, offline), each object
 * validates against the Kubernetes schemas (kubernetes-models), and a policy holds the security and
 * operations rules. compose.yaml cannot run here (no registry for postgres:15), so its structure is checked.
 */
const root = path.resolve(import.meta.dirname, "..");
type Obj = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };

const models: Record<string, { new (data: never): { validate(): void } }> = {
  "v1/ConfigMap": core.ConfigMap,
  "v1/Service": core.Service,
  "v1/Secret": core.Secret,
  "apps/v1/Deployment": apps.Deployment,
  "networking.k8s.io/v1/Ingress": networking.Ingress,
  "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget,
  "autoscaling/v2/HorizontalPodAutoscaler": autoscaling.HorizontalPodAutoscaler,
  "batch/v1/Job": batch.Job,
};

function render(overlay: string): Obj[] {
  const out = execFileSync("kubectl", ["kustomize", path.join(root, "deploy/kubernetes/overlays", overlay)], { encoding: "utf8" });
  return parseAllDocuments(out).map((d) => d.toJS() as Obj);
}

/** The variables of README's "Environment variables" table. */
function readmeEnvVars(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.split(/^## Environment variables$/m)[1].split(/^## /m)[0];
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
}

type Container = {
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  [k: string]: unknown;
};

describe.each(["single", "ha"])("Kubernetes overlay %s", (overlay) => {
  const objects = render(overlay);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployment = byKind("Deployment")[0] as Obj & { spec: { replicas: number; template: { spec: Record<string, unknown> & { containers: Container[] } } } };
  const pod = deployment.spec.template.spec;

  it("renders and validates against the Kubernetes schemas", () => {
    expect(objects.length).toBeGreaterThan(4);
    for (const o of objects) {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect(Model, `no schema for ${o.apiVersion}/${o.kind}`).toBeDefined();
      expect(() => new Model(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
    for (const kind of ["ConfigMap", "Deployment", "Service", "Ingress", "PodDisruptionBudget", "Job"]) expect(byKind(kind)).toHaveLength(1);
  });

  it("the pod runs non-root on a read-only root filesystem, with no capabilities and no service-account token", () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect((pod.securityContext as { runAsUser: number }).runAsUser).toBeGreaterThan(0);
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    }
  });

  it("every container has probes on /api/health and /api/ready and resource requests and limits", () => {
    for (const c of pod.containers) {
      expect(c.livenessProbe).toMatchObject({ httpGet: { path: "/api/health" } });
      expect(c.startupProbe).toMatchObject({ httpGet: { path: "/api/health" } });
      expect(c.readinessProbe).toMatchObject({ httpGet: { path: "/api/ready" } });
      expect(c.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
    }
  });

  it("carries no secret value: Secrets are only referenced", () => {
    expect(byKind("Secret")).toEqual([]);
    for (const c of pod.containers) for (const e of c.env ?? []) expect(e.value, e.name).toBeUndefined();
    const configMap = byKind("ConfigMap")[0] as Obj & { data: Record<string, string> };
    for (const key of Object.keys(configMap.data)) expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|SMTP_URL/);
    expect(configMap.data).not.toHaveProperty("OPSGATE_EMBEDDED");
  });

  it("every environment variable of README's table is reachable through the ConfigMap or the Secret", () => {
    const configMap = byKind("ConfigMap")[0] as Obj & { data: Record<string, string> };
    const c = pod.containers[0];
    expect(c.envFrom?.map((e) => e.configMapRef?.name)).toContain(configMap.metadata.name);
    const fromSecret = (c.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    const reachable = new Set([...Object.keys(configMap.data), ...fromSecret]);
    // Set by the launcher for its child, never by hand (README).
    const documented = readmeEnvVars().filter((v) => v !== "OPSGATE_EMBEDDED");
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((v) => !reachable.has(v))).toEqual([]);
  });

  it("migrations run once per rollout: a Job with the pods' image and config migrates, the pods wait for it, and only the pods get traffic", () => {
    type PodSpec = { containers: (Container & { image: string; command?: string[]; securityContext?: unknown })[]; restartPolicy?: string; securityContext?: unknown; automountServiceAccountToken?: boolean };
    const job = byKind("Job")[0] as Obj & { spec: { ttlSecondsAfterFinished?: number; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } };
    const migrate = job.spec.template.spec.containers[0];
    expect(migrate.command?.slice(-2)).toEqual(["scripts/opsgate.ts", "migrate"]);
    expect(migrate.image).toBe((pod.containers[0] as { image: string }).image);
    expect(migrate.envFrom).toEqual(pod.containers[0].envFrom);
    expect(migrate.env?.find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef).toMatchObject({ name: "opsgate-secrets", key: "DATABASE_URL" });
    expect(migrate.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(job.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0); // the next apply recreates it with the new image
    const configMap = byKind("ConfigMap")[0] as Obj & { data: Record<string, string> };
    expect(configMap.data.OPSGATE_MIGRATE_ON_START).toBe("false");
    // The Job's pod carries the app label too: the Service and the PDB must select the server pods only.
    const serverLabels = (deployment as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    const service = byKind("Service")[0] as Obj & { spec: { selector: Record<string, string> } };
    const pdb = byKind("PodDisruptionBudget")[0] as Obj & { spec: { selector: { matchLabels: Record<string, string> } } };
    const jobLabels = job.spec.template.metadata.labels;
    const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    for (const selector of [service.spec.selector, pdb.spec.selector.matchLabels]) {
      expect(selects(selector, serverLabels)).toBe(true);
      expect(selects(selector, jobLabels)).toBe(false);
    }
  });

  it("rolls out without downtime and keeps pods through voluntary disruptions", () => {
    expect(deployment).toMatchObject({ spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } } });
    const pdb = byKind("PodDisruptionBudget")[0] as Obj & { spec: Record<string, unknown> };
    if (overlay === "single") {
      expect(deployment.spec.replicas).toBe(1);
      expect(pdb.spec.maxUnavailable).toBe(1); // a minAvailable of 1 would block every node drain
      expect(byKind("HorizontalPodAutoscaler")).toEqual([]);
    } else {
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
      expect((pdb.spec.minAvailable as number) < deployment.spec.replicas).toBe(true);
      expect(byKind("HorizontalPodAutoscaler")[0]).toMatchObject({ spec: { scaleTargetRef: { kind: "Deployment", name: deployment.metadata.name }, minReplicas: deployment.spec.replicas } });
    }
  });
});

describe("compose.yaml", () => {
  const compose = parse(readFileSync(path.join(root, "compose.yaml"), "utf8")) as {
    services: Record<string, Record<string, unknown>>;
    volumes: Record<string, unknown>;
  };

  it("runs OpsGate after a healthy PostgreSQL 15 with a named volume", () => {
    const { db, app } = compose.services;
    expect(db.image).toMatch(/^postgres:15/);
    expect(db.healthcheck).toMatchObject({ test: expect.arrayContaining([expect.stringMatching(/pg_isready/)]) });
    const dbVolume = (db.volumes as string[])[0].split(":")[0];
    expect(Object.keys(compose.volumes)).toContain(dbVolume);
    expect(app.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(app.healthcheck).toBeDefined();
    expect(app.read_only).toBe(true);
  });

  it("takes secrets from a gitignored env file, never inline", () => {
    const gitignore = readFileSync(path.join(root, ".gitignore"), "utf8").split("\n");
    for (const service of Object.values(compose.services)) {
      expect(gitignore).toContain(service.env_file);
      for (const [k, v] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        expect(k).not.toMatch(/SECRET|PASSWORD|DATABASE_URL/);
        expect(String(v)).not.toMatch(/:\/\/[^/]*:[^/]*@/);
      }
    }
    const example = readFileSync(path.join(root, "deploy.env.example"), "utf8");
    for (const key of ["DATABASE_URL", "NEXTAUTH_SECRET", "POSTGRES_PASSWORD"]) expect(example).toMatch(new RegExp(`^${key}=`, "m"));
  });
});
