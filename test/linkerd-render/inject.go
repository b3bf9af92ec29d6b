package main

// The proxy injector's patch for one pod, as Linkerd's webhook builds it (controller/proxy-injector/
// webhook.go, pkg/inject/inject.go and report.go, pkg/util/parsing.go and portrange.go), written for this
// test tier from reading that code. Linkerd decodes linkerd-config's values into its typed Values struct
// (pkg/config.Values); here they stay a map (as the chart renderer sees them after Linkerd re-encodes the
// struct), and the struct's typing is stood in for by sigs.k8s.io/yaml's coercion of a boolean or number
// into a string field wherever the chart's default is a string. The patch itself comes from Linkerd's own
// patch chart and partials.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

type patchRequest struct {
	// Values is the `values` text of the linkerd-config ConfigMap.
	Values string `json:"values"`
	// TrustAnchorsPEM is the ca-bundle.crt of linkerd-identity-trust-roots, which the injector mounts.
	TrustAnchorsPEM  string `json:"trustAnchorsPEM"`
	LinkerdNamespace string `json:"linkerdNamespace"`
	// Version is the injector's own version, recorded in linkerd.io/created-by.
	Version              string                 `json:"version"`
	Pod                  map[string]interface{} `json:"pod"`
	NamespaceAnnotations map[string]string      `json:"namespaceAnnotations"`
	// Owner is what the injector's metadata API resolves the pod's owner to (a ReplicaSet's Deployment).
	Owner *struct {
		Kind string `json:"kind"`
		Name string `json:"name"`
	} `json:"owner"`
}

type patchResult struct {
	Injected bool          `json:"injected"`
	Reasons  []string      `json:"reasons,omitempty"`
	Patch    []interface{} `json:"patch,omitempty"`
}

// Annotations a pod inherits from its namespace (inject.ProxyAnnotations, ProxyAlphaConfigAnnotations
// and linkerd.io/inject).
var inheritedAnnotations = []string{
	"config.linkerd.io/admin-port", "config.linkerd.io/control-port", "config.linkerd.io/enable-debug-sidecar",
	"config.linkerd.io/enable-external-profiles", "config.linkerd.io/image-pull-policy", "config.linkerd.io/inbound-port",
	"config.linkerd.io/outbound-port", "config.linkerd.io/pod-inbound-ports", "config.linkerd.io/proxy-cpu-limit",
	"config.linkerd.io/proxy-cpu-request", "config.linkerd.io/proxy-image", "config.linkerd.io/proxy-admin-shutdown",
	"config.linkerd.io/proxy-log-format", "config.linkerd.io/proxy-log-level", "config.linkerd.io/proxy-log-http-headers",
	"config.linkerd.io/proxy-memory-limit", "config.linkerd.io/proxy-memory-request", "config.linkerd.io/proxy-ephemeral-storage-limit",
	"config.linkerd.io/proxy-ephemeral-storage-request", "config.linkerd.io/proxy-uid", "config.linkerd.io/proxy-gid",
	"config.linkerd.io/proxy-version", "config.linkerd.io/proxy-require-identity-inbound-ports", "config.linkerd.io/skip-inbound-ports",
	"config.linkerd.io/opaque-ports", "config.linkerd.io/skip-outbound-ports", "config.linkerd.io/proxy-metrics-hostname-labels",
	"config.linkerd.io/proxy-outbound-connect-timeout", "config.linkerd.io/proxy-inbound-connect-timeout", "config.linkerd.io/proxy-await",
	"config.linkerd.io/default-inbound-policy", "config.linkerd.io/skip-subnets", "config.linkerd.io/access-log",
	"config.linkerd.io/shutdown-grace-period", "config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout",
	"config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout", "config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout",
	"config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout", "config.linkerd.io/proxy-enable-native-sidecar",
	"config.linkerd.io/proxy-additional-env",
	"config.alpha.linkerd.io/proxy-wait-before-exit-seconds", "config.alpha.linkerd.io/proxy-enable-native-sidecar",
	"linkerd.io/inject",
}

func patchCommand(args []string) error {
	fs := flag.NewFlagSet("patch", flag.ContinueOnError)
	charts := fs.String("charts", "", "directory holding Linkerd's charts (patch, partials, linkerd-control-plane, linkerd-crds)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var req patchRequest
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		return fmt.Errorf("request: %w", err)
	}
	result, err := podPatch(*charts, req)
	if err != nil {
		return err
	}
	return printJSON(result)
}

func podPatch(charts string, req patchRequest) (*patchResult, error) {
	values := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(req.Values), &values); err != nil {
		return nil, fmt.Errorf("failed to unmarshal linkerd-config values: %w", err)
	}
	defaults, err := mergeFiles([]string{filepath.Join(charts, "linkerd-crds", "values.yaml"), filepath.Join(charts, "linkerd-control-plane", "values.yaml")})
	if err != nil {
		return nil, err
	}
	coerceToStrings(values, defaults)
	values["identityTrustAnchorsPEM"] = req.TrustAnchorsPEM

	pod := req.Pod
	meta := mapAt(pod, "metadata")
	spec := mapAt(pod, "spec")
	podAnn := stringMap(meta["annotations"])
	podLabels := stringMap(meta["labels"])

	if reasons := skipReasons(spec, podAnn, req.NamespaceAnnotations); len(reasons) > 0 {
		return &patchResult{Injected: false, Reasons: reasons}, nil
	}

	// conf.pod.annotations and conf.pod.labels: what the patch adds.
	added := map[string]string{"linkerd.io/created-by": "linkerd/proxy-injector " + req.Version}
	labels := map[string]string{"linkerd.io/control-plane-ns": req.LinkerdNamespace, "linkerd.io/workload-ns": str(meta["namespace"])}
	// populateMeta labels only these owners (a CronJob's pods, or a bare pod, get no owner label).
	if req.Owner != nil && contains([]string{"deployment", "replicationcontroller", "replicaset", "job", "daemonset", "statefulset"}, strings.ToLower(req.Owner.Kind)) {
		labels["linkerd.io/proxy-"+strings.ToLower(req.Owner.Kind)] = req.Owner.Name
	}
	for _, key := range inheritedAnnotations {
		if v, ok := req.NamespaceAnnotations[key]; ok {
			if _, own := podAnn[key]; !own {
				added[key] = v
			}
		}
	}
	containers := append(listAt(spec, "initContainers"), listAt(spec, "containers")...)
	if _, own := podAnn["config.linkerd.io/opaque-ports"]; !own {
		if _, inherited := added["config.linkerd.io/opaque-ports"]; !inherited {
			defaults := strings.Split(str(mapAt(values, "proxy")["opaquePorts"]), ",")
			var ports []string
			for _, c := range containers {
				for _, p := range listAt(c.(map[string]interface{}), "ports") {
					port := strconv.Itoa(int(num(p.(map[string]interface{})["containerPort"])))
					if contains(defaults, port) {
						ports = append(ports, port)
					}
				}
			}
			if len(ports) > 0 {
				added["config.linkerd.io/opaque-ports"] = strings.Join(ports, ",")
			}
		}
	}

	overrides := map[string]string{}
	for k, v := range podAnn {
		overrides[k] = v
	}
	for k, v := range added {
		overrides[k] = v
	}
	labelOverrides := map[string]string{}
	for k, v := range podLabels {
		labelOverrides[k] = v
	}
	for k, v := range labels {
		labelOverrides[k] = v
	}
	applyAnnotationOverrides(values, overrides, labelOverrides, namedPorts(containers))
	mergeAdditionalEnv(values, req.NamespaceAnnotations, podAnn)
	proxy := mapAt(values, "proxy")
	proxyInit := mapAt(values, "proxyInit")
	proxy["podInboundPorts"] = podInboundPorts(containers)
	if networks := str(values["clusterNetworks"]); networks != "" {
		for _, n := range strings.Split(strings.Trim(networks, ","), ",") {
			if !cidr.MatchString(n) {
				return nil, fmt.Errorf("cannot parse destination get networks: invalid CIDR address: %s", n)
			}
		}
	}

	// injectPodAnnotations, injectObjectMeta, injectPodSpec, injectProxyInit.
	patchValues := values
	patchValues["pathPrefix"] = ""
	patchValues["addRootMetadata"] = len(meta) == 0
	patchValues["addRootAnnotations"] = len(podAnn) == 0
	merged := map[string]string{}
	for k, v := range podAnn {
		merged[k] = v
	}
	for k, v := range added {
		merged[k] = v
	}
	image := mapAt(proxy, "image")
	if v := str(image["version"]); v != "" {
		added["linkerd.io/proxy-version"] = v
	} else {
		added["linkerd.io/proxy-version"] = str(values["linkerdVersion"])
	}
	sum := sha256.Sum256([]byte(req.TrustAnchorsPEM))
	added["linkerd.io/trust-root-sha256"] = hex.EncodeToString(sum[:])
	patchValues["annotations"] = added
	patchValues["addRootLabels"] = len(podLabels) == 0
	patchValues["labels"] = labels

	first := map[string]interface{}{}
	if cs := listAt(spec, "containers"); len(cs) > 0 {
		first = cs[0].(map[string]interface{})
	}
	sc, _ := first["securityContext"].(map[string]interface{})
	if caps, ok := sc["capabilities"].(map[string]interface{}); ok {
		add, drop := strings1(caps["add"]), strings1(caps["drop"])
		proxy["capabilities"] = map[string]interface{}{"add": add, "drop": drop}
		initDrop := []interface{}{}
		for _, d := range drop {
			if d != "NET_RAW" && d != "NET_ADMIN" {
				initDrop = append(initDrop, d)
			}
		}
		proxyInit["capabilities"] = map[string]interface{}{"add": add, "drop": initDrop}
	}
	for _, vm := range listAt(first, "volumeMounts") {
		m := vm.(map[string]interface{})
		if str(m["mountPath"]) == "/var/run/secrets/kubernetes.io/serviceaccount" {
			mount := map[string]interface{}{"name": m["name"], "mountPath": m["mountPath"], "readOnly": m["readOnly"] == true}
			proxy["saMountPath"] = mount
			proxyInit["saMountPath"] = mount
			break
		}
	}
	debugImage := mapAt(values, "debugContainer")["image"]
	patchValues["debugContainer"] = nil
	if debug, err := strconv.ParseBool(merged["config.linkerd.io/enable-debug-sidecar"]); err == nil && debug {
		patchValues["debugContainer"] = map[string]interface{}{"image": debugImage}
	}
	if v := merged["config.linkerd.io/close-wait-timeout"]; v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			proxyInit["closeWaitTimeoutSecs"] = math.Trunc(d.Seconds())
		}
	}
	patchValues["addRootInitContainers"] = len(listAt(spec, "initContainers")) == 0
	patchValues["addRootVolumes"] = len(listAt(spec, "volumes")) == 0

	// The struct is encoded to YAML and decoded again by the chart renderer.
	raw, err := yaml.Marshal(patchValues)
	if err != nil {
		return nil, err
	}
	rendered := map[string]interface{}{}
	if err := yaml.Unmarshal(raw, &rendered); err != nil {
		return nil, err
	}
	c, err := loadChart(filepath.Join(charts, "patch"), "")
	if err != nil {
		return nil, err
	}
	out, err := renderChart(c, rendered, chartRelease("patch", req.LinkerdNamespace))
	if err != nil {
		return nil, err
	}
	text := trailingComma.ReplaceAllString(out["patch/templates/patch.json"], "}\n]")
	var patch []interface{}
	if err := json.Unmarshal([]byte(text), &patch); err != nil {
		return nil, fmt.Errorf("the rendered patch is not JSON: %w\n%s", err, text)
	}
	return &patchResult{Injected: true, Patch: patch}, nil
}

var trailingComma = regexp.MustCompile(`\},\s*\]`)
var cidr = regexp.MustCompile(`^[0-9a-fA-F:.]+/[0-9]{1,3}$`)

// coerceToStrings turns booleans and numbers into strings where the default is a string, as decoding into
// a string field of Linkerd's Values does (sigs.k8s.io/yaml: `off` is YAML 1.1's false, and becomes "false").
func coerceToStrings(values, defaults map[string]interface{}) {
	for k, v := range values {
		switch d := defaults[k].(type) {
		case string:
			switch t := v.(type) {
			case bool:
				values[k] = strconv.FormatBool(t)
			case float64:
				if t == math.Trunc(t) {
					values[k] = strconv.FormatInt(int64(t), 10)
				} else {
					values[k] = strconv.FormatFloat(t, 'g', -1, 32)
				}
			}
		case map[string]interface{}:
			if vm, ok := v.(map[string]interface{}); ok {
				coerceToStrings(vm, d)
			}
		}
	}
}

// skipReasons is the webhook's report: why a pod would not be injected (in the report's order).
func skipReasons(spec map[string]interface{}, podAnn, nsAnn map[string]string) []string {
	var reasons []string
	if spec["hostNetwork"] == true {
		reasons = append(reasons, "host_network_enabled")
	}
	for _, c := range append(listAt(spec, "containers"), listAt(spec, "initContainers")...) {
		name := str(c.(map[string]interface{})["name"])
		if name == "linkerd-proxy" || name == "linkerd-init" || name == "istio-proxy" || name == "istio-init" {
			reasons = append(reasons, "sidecar_already_exists")
			break
		}
	}
	valid := func(v string) bool { return v == "" || v == "enabled" || v == "disabled" || v == "ingress" }
	enables := func(v string) bool { return v == "enabled" || v == "ingress" }
	pod, ns := podAnn["linkerd.io/inject"], nsAnn["linkerd.io/inject"]
	switch {
	case !valid(ns):
		reasons = append(reasons, "invalid_inject_annotation_at_ns")
	case !valid(pod):
		reasons = append(reasons, "invalid_inject_annotation_at_workload")
	case enables(ns) && pod == "disabled":
		reasons = append(reasons, "injection_disable_annotation_present")
	case !enables(ns) && !enables(pod):
		reasons = append(reasons, "injection_enable_annotation_absent")
	}
	return reasons
}

func applyAnnotationOverrides(values map[string]interface{}, ann, labels map[string]string, named map[string]int) {
	proxy := mapAt(values, "proxy")
	proxyInit := mapAt(values, "proxyInit")
	image := mapAt(proxy, "image")
	ports := mapAt(proxy, "ports")
	resources := mapAt(proxy, "resources")
	workers := mapAt(mapAt(proxy, "runtime"), "workers")
	set := func(key string, apply func(string)) {
		if v, ok := ann[key]; ok {
			apply(v)
		}
	}
	str := func(m map[string]interface{}, field string) func(string) {
		return func(v string) { m[field] = v }
	}
	port := func(field string) func(string) {
		return func(v string) {
			if n, err := strconv.ParseInt(v, 10, 32); err == nil {
				ports[field] = float64(n)
			}
		}
	}
	boolean := func(m map[string]interface{}, field string) func(string) {
		return func(v string) {
			if b, err := strconv.ParseBool(v); err == nil {
				m[field] = b
			}
		}
	}
	enabled := func(field string) func(string) {
		return func(v string) {
			if v == "enabled" || v == "disabled" {
				proxy[field] = v == "enabled"
			}
		}
	}
	duration := func(field string, unit time.Duration, suffix string) func(string) {
		return func(v string) {
			if d, err := time.ParseDuration(v); err == nil {
				if unit == time.Millisecond {
					proxy[field] = fmt.Sprintf("%dms", int(d.Seconds()*1000))
				} else {
					proxy[field] = fmt.Sprintf("%d%s", int(d.Seconds()), suffix)
				}
			}
		}
	}
	quantity := func(kind, field string, cores string) func(string) {
		return func(v string) {
			q, ok := parseQuantity(v)
			if !ok {
				return
			}
			mapAt(resources, kind)[field] = v
			if cores != "" {
				workers[cores] = math.Ceil(q)
			}
		}
	}

	set("linkerd.io/inject", func(v string) {
		if v == "ingress" {
			proxy["isIngress"] = true
		}
	})
	set("config.linkerd.io/proxy-image", str(image, "name"))
	set("config.linkerd.io/proxy-version", str(image, "version"))
	set("config.linkerd.io/image-pull-policy", str(image, "pullPolicy"))
	set("config.linkerd.io/control-port", port("control"))
	set("config.linkerd.io/inbound-port", port("inbound"))
	set("config.linkerd.io/admin-port", port("admin"))
	set("config.linkerd.io/outbound-port", port("outbound"))
	set("config.linkerd.io/pod-inbound-ports", str(proxy, "podInboundPorts"))
	set("config.linkerd.io/proxy-admin-shutdown", enabled("enableShutdownEndpoint"))
	set("config.linkerd.io/proxy-log-level", str(proxy, "logLevel"))
	set("config.linkerd.io/proxy-log-http-headers", str(proxy, "logHTTPHeaders"))
	set("config.linkerd.io/proxy-log-format", str(proxy, "logFormat"))
	set("config.linkerd.io/proxy-require-identity-inbound-ports", str(proxy, "requireIdentityOnInboundPorts"))
	set("config.linkerd.io/proxy-metrics-hostname-labels", boolean(mapAt(proxy, "metrics"), "hostnameLabels"))
	set("config.linkerd.io/proxy-outbound-connect-timeout", duration("outboundConnectTimeout", time.Millisecond, "ms"))
	set("config.linkerd.io/proxy-inbound-connect-timeout", duration("inboundConnectTimeout", time.Millisecond, "ms"))
	set("config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout", duration("outboundDiscoveryCacheUnusedTimeout", time.Second, "s"))
	set("config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout", duration("inboundDiscoveryCacheUnusedTimeout", time.Second, "s"))
	set("config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout", boolean(proxy, "disableOutboundProtocolDetectTimeout"))
	set("config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout", boolean(proxy, "disableInboundProtocolDetectTimeout"))
	set("config.linkerd.io/shutdown-grace-period", duration("shutdownGracePeriod", time.Millisecond, "ms"))
	set("config.linkerd.io/enable-gateway", boolean(proxy, "isGateway"))
	set("config.alpha.linkerd.io/proxy-wait-before-exit-seconds", func(v string) {
		if n, err := strconv.ParseUint(v, 10, 64); err == nil {
			proxy["waitBeforeExitSeconds"] = float64(n)
		}
	})
	if _, ok := ann["config.linkerd.io/proxy-enable-native-sidecar"]; ok {
		set("config.linkerd.io/proxy-enable-native-sidecar", boolean(proxy, "nativeSidecar"))
	} else if _, ok := ann["config.beta.linkerd.io/proxy-enable-native-sidecar"]; ok {
		set("config.beta.linkerd.io/proxy-enable-native-sidecar", boolean(proxy, "nativeSidecar"))
	} else {
		set("config.alpha.linkerd.io/proxy-enable-native-sidecar", boolean(proxy, "nativeSidecar"))
	}
	set("config.linkerd.io/proxy-cpu-request", quantity("cpu", "request", "minimum"))
	set("config.linkerd.io/proxy-cpu-limit", quantity("cpu", "limit", "maximum"))
	set("config.linkerd.io/proxy-cpu-ratio-limit", func(v string) {
		if r, err := strconv.ParseFloat(v, 64); err == nil && r > 0 && r < 1 {
			workers["maximumCPURatio"] = r
		}
	})
	set("config.linkerd.io/proxy-memory-request", quantity("memory", "request", ""))
	set("config.linkerd.io/proxy-memory-limit", quantity("memory", "limit", ""))
	set("config.linkerd.io/proxy-ephemeral-storage-request", quantity("ephemeral-storage", "request", ""))
	set("config.linkerd.io/proxy-ephemeral-storage-limit", quantity("ephemeral-storage", "limit", ""))
	set("config.linkerd.io/proxy-uid", func(v string) {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			proxy["uid"] = float64(n)
		}
	})
	set("config.linkerd.io/proxy-gid", func(v string) {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			proxy["gid"] = float64(n)
		}
	})
	set("config.linkerd.io/enable-external-profiles", boolean(proxy, "enableExternalProfiles"))
	set("config.linkerd.io/skip-inbound-ports", str(proxyInit, "ignoreInboundPorts"))
	set("config.linkerd.io/skip-outbound-ports", str(proxyInit, "ignoreOutboundPorts"))
	set("config.linkerd.io/opaque-ports", func(v string) {
		var out []string
		for _, r := range strings.Split(strings.TrimSuffix(v, ","), ",") {
			r = strings.TrimSpace(r)
			if p, ok := named[r]; ok {
				out = append(out, strconv.Itoa(p))
			} else if lo, hi, ok := portRange(r); ok {
				if lo == hi {
					out = append(out, strconv.Itoa(lo))
				} else {
					out = append(out, fmt.Sprintf("%d-%d", lo, hi))
				}
			}
		}
		proxy["opaquePorts"] = strings.Join(out, ",")
	})
	debugImage := mapAt(mapAt(values, "debugContainer"), "image")
	set("config.linkerd.io/debug-image", str(debugImage, "name"))
	set("config.linkerd.io/debug-image-version", str(debugImage, "version"))
	set("config.linkerd.io/debug-image-pull-policy", str(debugImage, "pullPolicy"))
	set("config.linkerd.io/proxy-await", enabled("await"))
	set("config.linkerd.io/default-inbound-policy", func(v string) {
		switch v {
		case "all-unauthenticated", "all-authenticated", "cluster-unauthenticated", "cluster-authenticated", "deny", "audit":
			proxy["defaultInboundPolicy"] = v
		}
	})
	set("config.linkerd.io/skip-subnets", str(proxyInit, "skipSubnets"))
	set("config.linkerd.io/access-log", str(proxy, "accessLog"))
	if tracing, ok := proxy["tracing"].(map[string]interface{}); ok {
		tl, ok := tracing["labels"].(map[string]interface{})
		if !ok {
			tl = map[string]interface{}{}
			tracing["labels"] = tl
		}
		if v, ok := labels["app.kubernetes.io/instance"]; ok {
			tl["service.name"] = v
		} else if v, ok := labels["app.kubernetes.io/name"]; ok {
			tl["service.name"] = v
		}
		for k, v := range ann {
			if after := strings.TrimPrefix(k, "resource.opentelemetry.io/"); after != k {
				tl[after] = v
			}
		}
	}
}

// mergeAdditionalEnv layers the namespace's and then the workload's proxy-additional-env (a JSON list of
// EnvVars) over proxy.additionalEnv, replacing entries of the same name.
func mergeAdditionalEnv(values map[string]interface{}, nsAnn, podAnn map[string]string) {
	proxy := mapAt(values, "proxy")
	env, _ := proxy["additionalEnv"].([]interface{})
	for _, layer := range []string{nsAnn["config.linkerd.io/proxy-additional-env"], podAnn["config.linkerd.io/proxy-additional-env"]} {
		if layer == "" {
			continue
		}
		var add []interface{}
		if err := json.Unmarshal([]byte(layer), &add); err != nil {
			continue
		}
		for _, e := range add {
			name := str(e.(map[string]interface{})["name"])
			replaced := false
			for i, have := range env {
				if str(have.(map[string]interface{})["name"]) == name {
					env[i], replaced = e, true
					break
				}
			}
			if !replaced {
				env = append(env, e)
			}
		}
		proxy["additionalEnv"] = env
	}
}

// podInboundPorts lists the containers' ports and their HTTP probes' numeric ports, sorted as strings.
func podInboundPorts(containers []interface{}) string {
	seen := map[string]bool{}
	for _, c := range containers {
		cm := c.(map[string]interface{})
		for _, p := range listAt(cm, "ports") {
			seen[strconv.Itoa(int(num(p.(map[string]interface{})["containerPort"])))] = true
		}
		for _, probe := range []string{"readinessProbe", "livenessProbe"} {
			if port, ok := mapAt(mapAt(cm, probe), "httpGet")["port"].(float64); ok {
				seen[strconv.Itoa(int(port))] = true
			}
		}
	}
	list := make([]string, 0, len(seen))
	for p := range seen {
		list = append(list, p)
	}
	sort.Strings(list)
	return strings.Join(list, ",")
}

func namedPorts(containers []interface{}) map[string]int {
	out := map[string]int{}
	for _, c := range containers {
		for _, p := range listAt(c.(map[string]interface{}), "ports") {
			pm := p.(map[string]interface{})
			if name := str(pm["name"]); name != "" {
				out[name] = int(num(pm["containerPort"]))
			}
		}
	}
	return out
}

func portRange(r string) (int, int, bool) {
	bounds := strings.Split(r, "-")
	if len(bounds) > 2 {
		return 0, 0, false
	}
	if len(bounds) == 1 {
		bounds = append(bounds, bounds[0])
	}
	lo, err1 := strconv.Atoi(bounds[0])
	hi, err2 := strconv.Atoi(bounds[1])
	if err1 != nil || err2 != nil || lo < 0 || hi > 65535 || hi < lo {
		return 0, 0, false
	}
	return lo, hi, true
}

var quantityPattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]*)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$`)

// parseQuantity reads the Kubernetes quantities the tests use, in base units.
func parseQuantity(v string) (float64, bool) {
	m := quantityPattern.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	scale := map[string]float64{"": 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
		"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "Pi": 1 << 50, "Ei": 1 << 60}
	return n * scale[m[2]], true
}

func mapAt(m map[string]interface{}, key string) map[string]interface{} {
	if m == nil {
		return map[string]interface{}{}
	}
	v, ok := m[key].(map[string]interface{})
	if !ok {
		v = map[string]interface{}{}
		m[key] = v
	}
	return v
}

func listAt(m map[string]interface{}, key string) []interface{} {
	v, _ := m[key].([]interface{})
	return v
}

func stringMap(v interface{}) map[string]string {
	out := map[string]string{}
	if m, ok := v.(map[string]interface{}); ok {
		for k, x := range m {
			out[k] = str(x)
		}
	}
	return out
}

func strings1(v interface{}) []interface{} {
	out := []interface{}{}
	if l, ok := v.([]interface{}); ok {
		out = append(out, l...)
	}
	return out
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

func num(v interface{}) float64 {
	n, _ := v.(float64)
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
