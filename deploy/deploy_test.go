package deploy

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/dashboard"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/clickhouse"
	"github.com/debrief-dev/debrief/store/open"
	"gopkg.in/yaml.v3"
)

// The port every deployment file must agree on; the binary's own default
// (127.0.0.1:8080) is loopback-only, so every file passes --addr.
const port = 8080

// ---------------------------------------------------------------- Dockerfile

type instruction struct {
	line int
	cmd  string // upper case
	args string
}

// parseDockerfile reads instructions: comments and parser directives are
// skipped, backslash continuations joined.
func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, "\\") {
			cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
			continue
		}
		cur.WriteString(line)
		full := cur.String()
		cur.Reset()
		cmd, args, _ := strings.Cut(full, " ")
		if strings.ToUpper(cmd) != cmd {
			t.Errorf("%s:%d: instruction %q not upper case", path, start, cmd)
		}
		out = append(out, instruction{start, strings.ToUpper(cmd), strings.TrimSpace(args)})
	}
	if cur.Len() > 0 {
		t.Errorf("%s: file ends inside a continued line", path)
	}
	return out
}

// execForm decodes a JSON-array instruction argument.
func execForm(t *testing.T, in instruction) []string {
	t.Helper()
	var v []string
	if err := json.Unmarshal([]byte(in.args), &v); err != nil {
		t.Errorf("line %d: %s is not in exec (JSON array) form: %v", in.line, in.cmd, err)
	}
	return v
}

func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "Dockerfile")
	known := map[string]bool{"FROM": true, "ARG": true, "ENV": true, "RUN": true, "COPY": true, "WORKDIR": true,
		"USER": true, "EXPOSE": true, "HEALTHCHECK": true, "ENTRYPOINT": true, "CMD": true, "VOLUME": true, "LABEL": true}
	args := map[string]string{}
	type stage struct {
		from, name string
		ins        []instruction
	}
	var stages []*stage
	for _, in := range ins {
		if !known[in.cmd] {
			t.Errorf("line %d: unknown or unexpected instruction %s", in.line, in.cmd)
		}
		switch in.cmd {
		case "ARG":
			if len(stages) == 0 {
				k, v, _ := strings.Cut(in.args, "=")
				args[k] = v
			}
		case "FROM":
			f := strings.Fields(in.args)
			s := &stage{from: expandArgs(f[0], args)}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			}
			if strings.HasSuffix(s.from, ":latest") || !strings.Contains(s.from, ":") {
				t.Errorf("line %d: base image %q is not pinned to a version", in.line, s.from)
			}
			stages = append(stages, s)
			continue
		}
		if len(stages) > 0 {
			stages[len(stages)-1].ins = append(stages[len(stages)-1].ins, in)
		}
	}
	if len(stages) != 2 {
		t.Fatalf("want a two-stage build, got %d stages", len(stages))
	}
	build, run := stages[0], stages[1]

	// Build stage: Go toolchain of go.mod's version, CGO on, builds cmd/debrief.
	goMod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVer := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(goMod)
	if goVer == nil || !strings.HasPrefix(build.from, "golang:"+string(goVer[1])) {
		t.Errorf("build stage %q does not use go.mod's Go %s", build.from, goVer[1])
	}
	if build.name == "" {
		t.Error("build stage is not named")
	}
	cgo, gobuild := false, false
	for _, in := range build.ins {
		cgo = cgo || in.cmd == "ENV" && strings.Contains(in.args, "CGO_ENABLED=1")
		gobuild = gobuild || in.cmd == "RUN" && strings.Contains(in.args, "go build") && strings.Contains(in.args, "./cmd/debrief")
	}
	if !cgo || !gobuild {
		t.Errorf("build stage: CGO_ENABLED=1 %v, go build ./cmd/debrief %v", cgo, gobuild)
	}

	// Runtime stage: Debian slim of the builder's release, so the CGO
	// binary finds the glibc it was linked against.
	rel := regexp.MustCompile(`^debian:([a-z]+)-slim$`).FindStringSubmatch(run.from)
	if rel == nil {
		t.Errorf("runtime base %q is not debian-slim", run.from)
	} else if !strings.HasSuffix(build.from, "-"+rel[1]) {
		t.Errorf("builder %q and runtime %q are different Debian releases", build.from, run.from)
	}
	var user, entry, cmd []string
	var exposed []int
	var health string
	env := map[string]string{}
	copied := false
	for _, in := range run.ins {
		switch in.cmd {
		case "USER":
			user = strings.Split(in.args, ":")
		case "EXPOSE":
			for _, p := range strings.Fields(in.args) {
				n, err := strconv.Atoi(strings.TrimSuffix(p, "/tcp"))
				if err != nil {
					t.Errorf("line %d: EXPOSE %q", in.line, p)
				}
				exposed = append(exposed, n)
			}
		case "HEALTHCHECK":
			health = in.args
		case "ENTRYPOINT":
			entry = execForm(t, in)
		case "CMD":
			cmd = execForm(t, in)
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
		case "COPY":
			copied = copied || strings.Contains(in.args, "--from="+build.name)
		case "RUN":
			if strings.Contains(in.args, "apt-get install") {
				if !strings.Contains(in.args, "--no-install-recommends") || !strings.Contains(in.args, "rm -rf /var/lib/apt/lists") {
					t.Errorf("line %d: apt-get install without --no-install-recommends and list cleanup", in.line)
				}
				if !strings.Contains(in.args, "apt-get update") {
					t.Errorf("line %d: apt-get install without apt-get update in the same layer", in.line)
				}
			}
		}
	}
	if len(user) == 0 || user[0] == "0" || user[0] == "root" {
		t.Errorf("runtime user %v is root", user)
	}
	if uid, err := strconv.Atoi(user[0]); err != nil || uid != podUID(t) {
		t.Errorf("Dockerfile USER %v differs from the pod's runAsUser %d", user, podUID(t))
	}
	if !slices.Equal(exposed, []int{port}) {
		t.Errorf("EXPOSE %v, want %d", exposed, port)
	}
	if !copied {
		t.Error("runtime stage does not copy the binary from the build stage")
	}
	if len(entry) == 0 || filepath.Base(entry[0]) != "debrief" {
		t.Errorf("ENTRYPOINT %v does not run debrief", entry)
	}
	checkServeArgs(t, "Dockerfile CMD", cmd)
	if !strings.Contains(health, fmt.Sprintf("http://127.0.0.1:%d/healthz", port)) || !strings.Contains(health, "--start-period") {
		t.Errorf("HEALTHCHECK %q does not probe /healthz on port %d with a start period", health, port)
	}
	checkProbePath(t, "/healthz")
	if dsn, ok := env[open.EnvStore]; !ok {
		t.Errorf("image sets no %s", open.EnvStore)
	} else if !strings.HasPrefix(dsn, "duckdb:///var/lib/debrief/") {
		t.Errorf("image default store %q is not a DuckDB file in the volume", dsn)
	}
}

func expandArgs(s string, args map[string]string) string {
	return regexp.MustCompile(`\$\{(\w+)\}`).ReplaceAllStringFunc(s, func(m string) string {
		return args[m[2:len(m)-1]]
	})
}

// checkServeArgs checks a command line is `serve --addr 0.0.0.0:<port>`.
func checkServeArgs(t *testing.T, where string, args []string) {
	t.Helper()
	if len(args) == 0 || args[0] != "serve" {
		t.Errorf("%s: %v does not run serve", where, args)
		return
	}
	i := slices.Index(args, "--addr")
	if i < 0 || i+1 >= len(args) {
		t.Errorf("%s: %v has no --addr (the default listens on loopback only)", where, args)
		return
	}
	host, p, err := net.SplitHostPort(args[i+1])
	if err != nil || host != "0.0.0.0" || p != strconv.Itoa(port) {
		t.Errorf("%s: --addr %q, want 0.0.0.0:%d", where, args[i+1], port)
	}
}

// ----------------------------------------------------------------- probes

// stubStore answers Stats (the readiness check) and nothing else.
type stubStore struct{}

func (stubStore) Migrate(context.Context) error                  { return nil }
func (stubStore) Put(context.Context, []*model.Postmortem) error { return store.ErrUnsupported }
func (stubStore) Get(context.Context, string) (*model.Postmortem, error) {
	return nil, store.ErrNotFound
}
func (stubStore) List(context.Context, store.ListQuery) ([]store.Summary, int, error) {
	return nil, 0, nil
}
func (stubStore) Aggregate(context.Context, store.AggregateQuery) ([]store.AggRow, error) {
	return nil, store.ErrUnsupported
}
func (stubStore) SearchSentences(context.Context, store.SentenceQuery) ([]store.SentenceHit, int, error) {
	return nil, 0, store.ErrUnsupported
}
func (stubStore) ActionItems(context.Context, store.Filter) ([]store.ActionItemRow, error) {
	return nil, nil
}
func (stubStore) Stats(context.Context) (store.Stats, error) { return store.Stats{}, nil }
func (stubStore) Close() error                               { return nil }

// checkProbePath checks the dashboard answers 200 on path.
func checkProbePath(t *testing.T, path string) {
	t.Helper()
	h := dashboard.New(stubStore{}, dashboard.Options{Rules: map[string]dashboard.RuleInfo{}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Errorf("probe path %s: dashboard answers %d", path, rec.Code)
	}
}

// --------------------------------------------------------------- compose

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Hostname    string            `yaml:"hostname"`
	Build       *composeBuild     `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Expose      []string          `yaml:"expose"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test        []string `yaml:"test"`
		Interval    string   `yaml:"interval"`
		StartPeriod string   `yaml:"start_period"`
	} `yaml:"healthcheck"`
}

type composeBuild struct {
	Context    string `yaml:"context"`
	Dockerfile string `yaml:"dockerfile"`
}

func loadCompose(t *testing.T, path string) composeFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// composeDefaults replaces ${VAR:-default} with default, as compose does
// when VAR is unset.
func composeDefaults(s string) string {
	return regexp.MustCompile(`\$\{\w+:-([^}]*)\}`).ReplaceAllString(s, "$1")
}

var imagePinned = regexp.MustCompile(`^clickhouse/clickhouse-(server|keeper):\d+\.\d+(\.\d+)*$`)

func TestCompose(t *testing.T) {
	c := loadCompose(t, "docker-compose.yml")
	ch, ok := c.Services["clickhouse"]
	if !ok {
		t.Fatal("no clickhouse service")
	}
	if !imagePinned.MatchString(ch.Image) {
		t.Errorf("clickhouse image %q is not pinned to a version", ch.Image)
	}
	if ch.Healthcheck == nil || len(ch.Healthcheck.Test) == 0 {
		t.Error("clickhouse has no healthcheck")
	}
	if !slices.ContainsFunc(ch.Volumes, func(v string) bool { return strings.HasSuffix(v, ":/var/lib/clickhouse") }) {
		t.Error("clickhouse data is not on a volume")
	}
	for _, v := range ch.Volumes {
		name, _, _ := strings.Cut(v, ":")
		if !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "/") && !strings.HasPrefix(name, "$") {
			if _, ok := c.Volumes[name]; !ok {
				t.Errorf("volume %q is not declared", name)
			}
		}
	}
	checkDebriefService(t, "docker-compose.yml", c, map[string]string{"clickhouse": "9000"})
}

// checkDebriefService checks the debrief service of a compose file:
// build, command, ports, healthcheck, dependencies and a DSN that names
// ClickHouse services of the same file with their credentials.
func checkDebriefService(t *testing.T, file string, c composeFile, chPorts map[string]string) clickhouse.Config {
	t.Helper()
	d, ok := c.Services["debrief"]
	if !ok {
		t.Fatalf("%s: no debrief service", file)
	}
	if d.Build == nil || d.Build.Dockerfile != "deploy/Dockerfile" {
		t.Errorf("%s: debrief is not built from deploy/Dockerfile", file)
	} else if _, err := os.Stat(filepath.Join(filepath.Dir(file), d.Build.Context, d.Build.Dockerfile)); err != nil {
		t.Errorf("%s: build context %q does not contain %s: %v", file, d.Build.Context, d.Build.Dockerfile, err)
	}
	checkServeArgs(t, file+" debrief command", d.Command)
	if !slices.Contains(d.Ports, fmt.Sprintf("%d:%d", port, port)) {
		t.Errorf("%s: debrief ports %v do not publish %d", file, d.Ports, port)
	}
	if d.Healthcheck == nil || !strings.Contains(strings.Join(d.Healthcheck.Test, " "), fmt.Sprintf("127.0.0.1:%d/healthz", port)) {
		t.Errorf("%s: debrief healthcheck does not probe /healthz on %d", file, port)
	}
	dsn := composeDefaults(d.Environment[open.EnvStore])
	cfg, err := clickhouse.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("%s: %s: %v", file, open.EnvStore, err)
	}
	for _, addr := range cfg.Addrs {
		host, p, _ := net.SplitHostPort(addr)
		svc, ok := c.Services[host]
		if !ok {
			t.Errorf("%s: DSN host %q is not a service", file, host)
			continue
		}
		if chPorts[host] != p {
			t.Errorf("%s: DSN port %s for %s, want %s", file, p, host, chPorts[host])
		}
		if dep := d.DependsOn[host]; dep.Condition != "service_healthy" {
			t.Errorf("%s: debrief does not wait for %s to be healthy", file, host)
		}
		env := map[string]string{}
		for k, v := range svc.Environment {
			env[k] = composeDefaults(v)
		}
		if env["CLICKHOUSE_DB"] != cfg.Database || env["CLICKHOUSE_USER"] != cfg.Username || env["CLICKHOUSE_PASSWORD"] != cfg.Password {
			t.Errorf("%s: DSN db/user/password %s/%s/%s differ from %s's %v", file, cfg.Database, cfg.Username, cfg.Password, host, env)
		}
		if !imagePinned.MatchString(svc.Image) {
			t.Errorf("%s: %s image %q is not pinned", file, host, svc.Image)
		}
	}
	return cfg
}

// ------------------------------------------------------- cluster compose

type remoteServers struct {
	Clusters []struct {
		XMLName xml.Name
		Shards  []struct {
			Replicas []struct {
				Host string `xml:"host"`
				Port string `xml:"port"`
			} `xml:"replica"`
		} `xml:"shard"`
	} `xml:",any"`
}

type clusterConfig struct {
	RemoteServers remoteServers `xml:"remote_servers"`
	ZooKeeper     struct {
		Nodes []struct {
			Host string `xml:"host"`
			Port string `xml:"port"`
		} `xml:"node"`
	} `xml:"zookeeper"`
}

type macrosConfig struct {
	Macros struct {
		Shard   string `xml:"shard"`
		Replica string `xml:"replica"`
	} `xml:"macros"`
}

func readXML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestClusterCompose(t *testing.T) {
	const file = "clickhouse/docker-compose.cluster.yml"
	c := loadCompose(t, file)
	var cc clusterConfig
	readXML(t, "clickhouse/cluster.xml", &cc)
	if len(cc.RemoteServers.Clusters) != 1 {
		t.Fatalf("cluster.xml defines %d clusters, want 1", len(cc.RemoteServers.Clusters))
	}
	cl := cc.RemoteServers.Clusters[0]
	ports := map[string]string{}
	for _, sh := range cl.Shards {
		for _, r := range sh.Replicas {
			ports[r.Host] = r.Port
		}
	}
	if len(cl.Shards) < 2 {
		t.Errorf("cluster %s has %d shards, want 2 or more", cl.XMLName.Local, len(cl.Shards))
	}
	cfg := checkDebriefService(t, file, c, ports)
	if cfg.Cluster != cl.XMLName.Local {
		t.Errorf("DSN cluster %q, cluster.xml defines %q", cfg.Cluster, cl.XMLName.Local)
	}
	if len(cfg.Addrs) != len(ports) {
		t.Errorf("DSN lists %v, cluster has %v", cfg.Addrs, ports)
	}
	// Every shard server mounts cluster.xml and macros naming itself with a
	// distinct shard; Keeper is a service on the configured port.
	shards := map[string]bool{}
	for host := range ports {
		svc := c.Services[host]
		var macros string
		for _, v := range svc.Volumes {
			src, dst, _ := strings.Cut(v, ":")
			if strings.HasSuffix(dst, "config.d/macros.xml:ro") {
				macros = src
			}
			if strings.HasPrefix(src, "./") {
				if _, err := os.Stat(filepath.Join("clickhouse", src)); err != nil {
					t.Errorf("%s mounts missing %s", host, src)
				}
			}
		}
		if macros == "" {
			t.Errorf("%s mounts no macros", host)
			continue
		}
		var m macrosConfig
		readXML(t, filepath.Join("clickhouse", macros), &m)
		if m.Macros.Replica != host || svc.Hostname != host {
			t.Errorf("%s: macros replica %q, hostname %q", host, m.Macros.Replica, svc.Hostname)
		}
		if shards[m.Macros.Shard] {
			t.Errorf("shard macro %q used twice", m.Macros.Shard)
		}
		shards[m.Macros.Shard] = true
	}
	if len(cc.ZooKeeper.Nodes) == 0 {
		t.Fatal("cluster.xml has no keeper nodes")
	}
	for _, n := range cc.ZooKeeper.Nodes {
		if _, ok := c.Services[n.Host]; !ok {
			t.Errorf("keeper host %q is not a service", n.Host)
		}
	}
	var keeper struct {
		Server struct {
			TCPPort string `xml:"tcp_port"`
		} `xml:"keeper_server"`
	}
	readXML(t, "clickhouse/keeper.xml", &keeper)
	if keeper.Server.TCPPort != cc.ZooKeeper.Nodes[0].Port {
		t.Errorf("keeper listens on %s, servers use %s", keeper.Server.TCPPort, cc.ZooKeeper.Nodes[0].Port)
	}
}

// -------------------------------------------------------------------- k8s

type k8sObject struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name   string            `yaml:"name"`
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Data map[string]string `yaml:"data"`
	Spec yaml.Node         `yaml:"spec"`
}

type deploymentSpec struct {
	Replicas int `yaml:"replicas"`
	Selector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	} `yaml:"selector"`
	Template struct {
		Metadata struct {
			Labels map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
		Spec struct {
			SecurityContext struct {
				RunAsNonRoot bool `yaml:"runAsNonRoot"`
				RunAsUser    int  `yaml:"runAsUser"`
			} `yaml:"securityContext"`
			Containers []container `yaml:"containers"`
		} `yaml:"spec"`
	} `yaml:"template"`
}

type container struct {
	Name  string   `yaml:"name"`
	Image string   `yaml:"image"`
	Args  []string `yaml:"args"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env []struct {
		Name      string `yaml:"name"`
		Value     string `yaml:"value"`
		ValueFrom *struct {
			ConfigMapKeyRef *struct{ Name, Key string } `yaml:"configMapKeyRef"`
			SecretKeyRef    *struct{ Name, Key string } `yaml:"secretKeyRef"`
		} `yaml:"valueFrom"`
	} `yaml:"env"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	StartupProbe   *probe `yaml:"startupProbe"`
}

type probe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
		Port any    `yaml:"port"`
	} `yaml:"httpGet"`
}

type serviceSpec struct {
	Selector map[string]string `yaml:"selector"`
	Ports    []struct {
		Port       int `yaml:"port"`
		TargetPort any `yaml:"targetPort"`
	} `yaml:"ports"`
}

func loadK8s(t *testing.T) map[string]k8sObject {
	t.Helper()
	var kust struct {
		Resources []string `yaml:"resources"`
	}
	data, err := os.ReadFile("k8s/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &kust); err != nil {
		t.Fatal(err)
	}
	objs := map[string]k8sObject{}
	for _, r := range kust.Resources {
		data, err := os.ReadFile(filepath.Join("k8s", r))
		if err != nil {
			t.Fatalf("kustomization lists %s: %v", r, err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var o k8sObject
			if err := dec.Decode(&o); err != nil {
				if err.Error() == "EOF" {
					break
				}
				t.Fatalf("%s: %v", r, err)
			}
			if o.Kind == "" || o.APIVersion == "" || o.Metadata.Name == "" {
				t.Errorf("%s: object without kind, apiVersion or name", r)
			}
			objs[o.Kind] = o
		}
	}
	return objs
}

func podUID(t *testing.T) int {
	t.Helper()
	var spec deploymentSpec
	dep := loadK8s(t)["Deployment"]
	if err := dep.Spec.Decode(&spec); err != nil {
		t.Fatal(err)
	}
	return spec.Template.Spec.SecurityContext.RunAsUser
}

func TestKubernetes(t *testing.T) {
	objs := loadK8s(t)
	for _, k := range []string{"Deployment", "Service", "ConfigMap"} {
		if _, ok := objs[k]; !ok {
			t.Fatalf("no %s in k8s/", k)
		}
	}
	var dep deploymentSpec
	depObj, svcObj := objs["Deployment"], objs["Service"]
	if err := depObj.Spec.Decode(&dep); err != nil {
		t.Fatal(err)
	}
	var svc serviceSpec
	if err := svcObj.Spec.Decode(&svc); err != nil {
		t.Fatal(err)
	}
	cm := objs["ConfigMap"]

	for k, v := range dep.Selector.MatchLabels {
		if dep.Template.Metadata.Labels[k] != v {
			t.Errorf("deployment selector %s=%s does not match the pod labels", k, v)
		}
	}
	for k, v := range svc.Selector {
		if dep.Template.Metadata.Labels[k] != v {
			t.Errorf("service selector %s=%s does not match the pod labels", k, v)
		}
	}
	sc := dep.Template.Spec.SecurityContext
	if !sc.RunAsNonRoot || sc.RunAsUser == 0 {
		t.Errorf("pod security context %+v allows root", sc)
	}
	if len(dep.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(dep.Template.Spec.Containers))
	}
	c := dep.Template.Spec.Containers[0]
	checkServeArgs(t, "deployment args", c.Args)
	portNames := map[string]int{}
	for _, p := range c.Ports {
		portNames[p.Name] = p.ContainerPort
	}
	if portNames["http"] != port {
		t.Errorf("container port http = %d, want %d", portNames["http"], port)
	}
	resolve := func(p any) int {
		switch v := p.(type) {
		case int:
			return v
		case string:
			return portNames[v]
		}
		return 0
	}
	if len(svc.Ports) == 0 || resolve(svc.Ports[0].TargetPort) != port {
		t.Errorf("service targetPort does not reach %d", port)
	}
	for name, pr := range map[string]*probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe} {
		if pr == nil || pr.HTTPGet == nil {
			t.Errorf("no HTTP %s probe", name)
			continue
		}
		if resolve(pr.HTTPGet.Port) != port {
			t.Errorf("%s probe port %v does not reach %d", name, pr.HTTPGet.Port, port)
		}
		checkProbePath(t, pr.HTTPGet.Path)
	}
	if c.LivenessProbe != nil && c.LivenessProbe.HTTPGet != nil && c.LivenessProbe.HTTPGet.Path != "/healthz" {
		t.Errorf("liveness probe %s, want /healthz", c.LivenessProbe.HTTPGet.Path)
	}

	// Environment: every ConfigMap reference exists, and DEBRIEF_STORE
	// expands ($(VAR) as the kubelet does) to a DSN store/clickhouse accepts.
	vals := map[string]string{}
	var dsn string
	for _, e := range c.Env {
		switch {
		case e.ValueFrom != nil && e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			v, ok := cm.Data[ref.Key]
			if ref.Name != cm.Metadata.Name || !ok {
				t.Errorf("env %s refers to %s/%s, which the ConfigMap does not have", e.Name, ref.Name, ref.Key)
			}
			vals[e.Name] = v
		case e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil:
			vals[e.Name] = "s3cret"
		default:
			v := regexp.MustCompile(`\$\((\w+)\)`).ReplaceAllStringFunc(e.Value, func(m string) string {
				name := m[2 : len(m)-1]
				val, ok := vals[name]
				if !ok {
					t.Errorf("env %s uses $(%s) before it is defined", e.Name, name)
				}
				return val
			})
			vals[e.Name] = v
			if e.Name == open.EnvStore {
				dsn = v
			}
		}
	}
	if dsn == "" {
		t.Fatalf("deployment does not set %s", open.EnvStore)
	}
	cfg, err := clickhouse.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("%s: %v", open.EnvStore, err)
	}
	if cfg.Password != "s3cret" || cfg.Username != cm.Data["CLICKHOUSE_USER"] || cfg.Database != cm.Data["CLICKHOUSE_DB"] {
		t.Errorf("DSN config %+v does not carry the ConfigMap/Secret values", cfg)
	}
	// The documented cluster parameters parse too.
	if cfg, err := clickhouse.ParseDSN(strings.Replace(dsn, "s3cret", "s3cret&cluster=debrief", 1)); err != nil || cfg.Cluster != "debrief" {
		t.Errorf("cluster DSN: %+v, %v", cfg, err)
	}
}
