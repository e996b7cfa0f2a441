// Test helper of scripts/test-deploy.sh: turns the rendered `single` overlay into what
// `podman kube play` can run on this machine: the ConfigMap and the Deployment only, the
// test image, host networking on a free port, and the two required Secret keys given as
// values (a test-only stand-in for the Secret the cluster operator creates).
//   node scripts/kube-play-manifest.mjs IMAGE PORT DATABASE_URL NEXTAUTH_SECRET < rendered.yaml
import { readFileSync } from "node:fs";
import { parseAllDocuments, stringify } from "yaml";

const [image, port, databaseUrl, secret] = process.argv.slice(2);
const docs = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS());
const out = [];
for (const o of docs) {
  if (o.kind === "ConfigMap") {
    Object.assign(o.data, { PORT: port, NEXTAUTH_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: "warn" });
    out.push(o);
  }
  if (o.kind === "Deployment") {
    const pod = o.spec.template.spec;
    pod.hostNetwork = true;
    for (const c of pod.containers) {
      c.image = image;
      delete c.ports; // host networking takes no port mappings: the probes get the number
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) c[probe].httpGet.port = Number(port);
      c.env = c.env
        .filter((e) => !e.valueFrom?.secretKeyRef?.optional)
        .map((e) => (e.valueFrom?.secretKeyRef ? { name: e.name, value: e.name === "DATABASE_URL" ? databaseUrl : secret } : e));
    }
    out.push(o);
  }
}
process.stdout.write(out.map((o) => stringify(o)).join("---\n"));
