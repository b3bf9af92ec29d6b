package main

// A Helm-compatible chart renderer, written for this test tier from reading Helm 3's pkg/engine
// (engine.go, funcs.go) and pkg/chartutil (coalesce.go, values.go), and Linkerd's pkg/charts/charts.go,
// which renders its charts through that engine. It implements what Linkerd's charts use: templates and
// their dependencies' templates in one template set, Helm's extra functions (include, tpl, required,
// fail, toYaml, fromYaml, toJson, fromJson, lookup), `missingkey=zero` with "<no value>" removed, and
// the coalescing of the chart's defaults under the given values. As in Linkerd's CLI (pkg/charts.Chart and
// cli/cmd/install.go renderChartToBuffer), the chart's defaults are whatever the caller loads (a
// values.yaml, or the values of an install), and the partials dependency brings no values of its own.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type chartMeta struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	AppVersion   string `json:"appVersion"`
	Dependencies []struct {
		Name       string `json:"name"`
		Repository string `json:"repository"`
	} `json:"dependencies"`
}

type chart struct {
	meta      chartMeta
	dir       string
	fullPath  string            // e.g. "linkerd-control-plane/charts/partials"
	templates map[string]string // file name relative to the chart, e.g. "templates/config.yaml"
	values    map[string]interface{}
	deps      []*chart
}

// loadChart reads a chart directory and, like `helm dependency build` with file:// repositories, the
// charts its Chart.yaml (v2) or requirements.yaml (v1) depends on.
func loadChart(dir, parentPath string) (*chart, error) {
	c := &chart{dir: dir, templates: map[string]string{}, values: map[string]interface{}{}}
	raw, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(raw, &c.meta); err != nil {
		return nil, fmt.Errorf("%s/Chart.yaml: %w", dir, err)
	}
	if req, err := os.ReadFile(filepath.Join(dir, "requirements.yaml")); err == nil {
		var r chartMeta
		if err := yaml.Unmarshal(req, &r); err != nil {
			return nil, fmt.Errorf("%s/requirements.yaml: %w", dir, err)
		}
		c.meta.Dependencies = append(c.meta.Dependencies, r.Dependencies...)
	}
	c.fullPath = c.meta.Name
	if parentPath != "" {
		c.fullPath = parentPath + "/charts/" + c.meta.Name
	}
	root := filepath.Join(dir, "templates")
	err = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		c.templates[filepath.ToSlash(rel)] = string(text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range c.meta.Dependencies {
		if !strings.HasPrefix(d.Repository, "file://") {
			return nil, fmt.Errorf("%s: dependency %s is not a file:// chart", dir, d.Name)
		}
		dep, err := loadChart(filepath.Join(dir, strings.TrimPrefix(d.Repository, "file://")), c.fullPath)
		if err != nil {
			return nil, err
		}
		c.deps = append(c.deps, dep)
	}
	return c, nil
}

// coalesce fills `dest` (the user's values) with the chart's defaults, as chartutil.CoalesceValues does:
// the user's values win, maps are merged, and a user's null removes a key the chart defines.
func coalesce(c *chart, dest map[string]interface{}) map[string]interface{} {
	for key, def := range deepCopy(c.values).(map[string]interface{}) {
		value, ok := dest[key]
		if !ok {
			dest[key] = def
			continue
		}
		if value == nil {
			delete(dest, key)
			continue
		}
		if d, ok := value.(map[string]interface{}); ok {
			if s, ok := def.(map[string]interface{}); ok {
				coalesceTables(d, s, isDependency(c, key))
			}
		}
	}
	for _, dep := range c.deps {
		sub, ok := dest[dep.meta.Name].(map[string]interface{})
		if !ok {
			sub = map[string]interface{}{}
		}
		dest[dep.meta.Name] = coalesce(dep, sub)
	}
	return dest
}

func isDependency(c *chart, key string) bool {
	for _, d := range c.deps {
		if d.meta.Name == key {
			return true
		}
	}
	return false
}

// coalesceTables merges src into dst, dst winning; without `merge`, a null in dst removes the key.
func coalesceTables(dst, src map[string]interface{}, merge bool) {
	for key, val := range dst {
		if val == nil {
			src[key] = nil
		}
	}
	for key, val := range src {
		dv, ok := dst[key]
		switch {
		case ok && !merge && dv == nil:
			delete(dst, key)
		case !ok:
			dst[key] = val
		default:
			sv, srcTable := val.(map[string]interface{})
			dvm, dstTable := dv.(map[string]interface{})
			if srcTable && dstTable {
				coalesceTables(dvm, sv, merge)
			}
		}
	}
}

func deepCopy(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, x := range t {
			out[k] = deepCopy(x)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, x := range t {
			out[i] = deepCopy(x)
		}
		return out
	default:
		return v
	}
}

type renderable struct {
	name     string
	text     string
	values   map[string]interface{}
	basePath string
	chart    *chart
}

// collect lists every template of the chart and its dependencies with the values each one sees:
// the root chart sees all values, a dependency the table under its name.
func collect(c *chart, values map[string]interface{}, top map[string]interface{}, out *[]renderable) {
	for _, dep := range c.deps {
		sub, _ := values[dep.meta.Name].(map[string]interface{})
		collect(dep, sub, top, out)
	}
	for name, text := range c.templates {
		*out = append(*out, renderable{name: path.Join(c.fullPath, name), text: text, values: values, basePath: path.Join(c.fullPath, "templates"), chart: c})
	}
}

var warnDelims = regexp.MustCompile(`HELM_ERR_START((?s).*)HELM_ERR_END`)

func helmFuncs(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["getHostByName"] = func(string) string { return "" }
	f["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	f["fromYaml"] = decodeMap(func(b []byte, v interface{}) error { return yaml.Unmarshal(b, v) })
	f["fromYamlArray"] = decodeArray(func(b []byte, v interface{}) error { return yaml.Unmarshal(b, v) })
	f["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	f["fromJson"] = decodeMap(json.Unmarshal)
	f["fromJsonArray"] = decodeArray(json.Unmarshal)
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New("HELM_ERR_START" + warn + "HELM_ERR_END")
		}
		if s, ok := val.(string); ok && s == "" {
			return val, errors.New("HELM_ERR_START" + warn + "HELM_ERR_END")
		}
		return val, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", errors.New("HELM_ERR_START" + msg + "HELM_ERR_END") }
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := t.Clone()
		if err != nil {
			return "", err
		}
		clone.Option("missingkey=zero")
		clone.Funcs(helmFuncs(clone))
		clone, err = clone.New(t.Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf strings.Builder
		if err := clone.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	return f
}

// release is the `.Release` the templates see: `linkerd install` passes only the namespace and the
// service, the injector (through pkg/charts) a full release named after the chart.
type release map[string]interface{}

func installRelease(namespace string) release {
	return release{"Namespace": namespace, "Service": "CLI"}
}

func chartRelease(name, namespace string) release {
	return release{"Name": name, "Namespace": namespace, "IsInstall": true, "IsUpgrade": false, "Revision": 1, "Service": "CLI"}
}

// renderChart renders every template that is not a partial (`_*`) or NOTES.txt, keyed by full name.
func renderChart(c *chart, userValues map[string]interface{}, rel release) (map[string]string, error) {
	values := coalesce(c, deepCopy(userValues).(map[string]interface{}))
	capabilities := map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.31.0", "Major": "1", "Minor": "31", "GitVersion": "v1.31.0"}}
	var all []renderable
	collect(c, values, values, &all)
	sort.SliceStable(all, func(i, j int) bool {
		a, b := strings.Count(all[i].name, "/"), strings.Count(all[j].name, "/")
		if a == b {
			return all[i].name > all[j].name
		}
		return a > b
	})
	t := template.New("gotpl").Option("missingkey=zero")
	t.Funcs(helmFuncs(t))
	for _, r := range all {
		if _, err := t.New(r.name).Parse(r.text); err != nil {
			return nil, fmt.Errorf("parse error in %s: %w", r.name, err)
		}
	}
	out := map[string]string{}
	for _, r := range all {
		base := path.Base(r.name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue
		}
		vals := map[string]interface{}{
			"Values":       r.values,
			"Release":      map[string]interface{}(rel),
			"Capabilities": capabilities,
			"Chart":        map[string]interface{}{"Name": r.chart.meta.Name, "Version": r.chart.meta.Version, "AppVersion": r.chart.meta.AppVersion, "IsRoot": r.chart == c},
			"Template":     map[string]interface{}{"Name": r.name, "BasePath": r.basePath},
			"Files":        map[string]interface{}{},
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, r.name, vals); err != nil {
			if m := warnDelims.FindStringSubmatch(err.Error()); m != nil {
				return nil, fmt.Errorf("execution error in %s: %s", r.name, m[1])
			}
			return nil, fmt.Errorf("execution error in %s: %w", r.name, err)
		}
		out[r.name] = strings.ReplaceAll(buf.String(), "<no value>", "")
	}
	return out, nil
}

var documentSeparator = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

// decodeStream splits a YAML stream into documents and decodes each as kubectl does (sigs.k8s.io/yaml,
// a YAML 1.1 decoder), leaving out empty documents.
func decodeStream(text string) ([]interface{}, error) {
	var out []interface{}
	for i, doc := range documentSeparator.Split(text, -1) {
		var v interface{}
		if err := yaml.Unmarshal([]byte(doc), &v); err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// decodeMap and decodeArray are Helm's from* functions: a decoding error becomes the value, not a failure.
func decodeMap(unmarshal func([]byte, interface{}) error) func(string) map[string]interface{} {
	return func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
}

func decodeArray(unmarshal func([]byte, interface{}) error) func(string) []interface{} {
	return func(s string) []interface{} {
		a := []interface{}{}
		if err := unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
}
