// Command linkerd-render runs Linkerd's own templates and decoders for Meshaware's tests: it renders
// Linkerd's Helm charts the way `linkerd install` does, decodes YAML the way Linkerd's Go components
// and kubectl do (sigs.k8s.io/yaml, YAML 1.1), and renders the proxy injector's JSON patch the way the
// injector webhook does. Build it offline with Debian's Go:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o linkerd-render ./test/linkerd-render
//
// Every command writes JSON to stdout; errors go to stderr with exit code 1.
//
//	linkerd-render chart --chart DIR --namespace NS [--defaults FILE]... [--values FILE]...
//	    renders a chart (and its file:// dependencies) as `linkerd install` does: the --defaults files
//	    (default: the chart's values.yaml) merged in order are the chart's values, the --values files
//	    are coalesced over them; prints [{"template": NAME, "object": OBJECT}, ...] with each document
//	    decoded by sigs.k8s.io/yaml
//	linkerd-render decode < STREAM.yaml
//	    prints the documents of a YAML stream as kubectl would read them
//	linkerd-render patch --charts DIR < REQUEST.json
//	    renders the injector's patch for one pod (see inject.go for the request)
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"sigs.k8s.io/yaml"
)

type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: linkerd-render chart|decode|patch [options]"))
	}
	var err error
	switch os.Args[1] {
	case "chart":
		err = chartCommand(os.Args[2:])
	case "decode":
		err = decodeCommand()
	case "patch":
		err = patchCommand(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "linkerd-render:", err)
	os.Exit(1)
}

func printJSON(v interface{}) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}

// readValues decodes a values file as Linkerd does (sigs.k8s.io/yaml) into a map.
func readValues(file string) (map[string]interface{}, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(raw, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return values, nil
}

// merge lays b over a, merging maps (Linkerd's charts.MergeMaps; Helm's -f files merge the same way).
func merge(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]interface{}); ok {
			if am, ok := out[k].(map[string]interface{}); ok {
				out[k] = merge(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

func mergeFiles(files []string) (map[string]interface{}, error) {
	out := map[string]interface{}{}
	for _, f := range files {
		v, err := readValues(f)
		if err != nil {
			return nil, err
		}
		out = merge(out, v)
	}
	return out, nil
}

func chartCommand(args []string) error {
	fs := flag.NewFlagSet("chart", flag.ContinueOnError)
	dir := fs.String("chart", "", "chart directory")
	namespace := fs.String("namespace", "linkerd", "release namespace")
	var defaults, files multiFlag
	fs.Var(&defaults, "defaults", "the chart's values (repeatable; default: its values.yaml)")
	fs.Var(&files, "values", "values coalesced over the defaults (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := loadChart(*dir, "")
	if err != nil {
		return err
	}
	if len(defaults) == 0 {
		defaults = multiFlag{filepath.Join(*dir, "values.yaml")}
	}
	if c.values, err = mergeFiles(defaults); err != nil {
		return err
	}
	values, err := mergeFiles(files)
	if err != nil {
		return err
	}
	rendered, err := renderChart(c, values, installRelease(*namespace))
	if err != nil {
		return err
	}
	names := make([]string, 0, len(rendered))
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	type entry struct {
		Template string      `json:"template"`
		Object   interface{} `json:"object"`
	}
	out := []entry{}
	for _, name := range names {
		docs, err := decodeStream(rendered[name])
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, d := range docs {
			out = append(out, entry{Template: name, Object: d})
		}
	}
	return printJSON(out)
}

func decodeCommand() error {
	text, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	docs, err := decodeStream(string(text))
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []interface{}{}
	}
	return printJSON(docs)
}
