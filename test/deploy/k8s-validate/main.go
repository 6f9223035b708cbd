// Command k8s-validate renders kustomizations with the kustomize API and strictly decodes every
// object into its real Go type (Kubernetes, KEDA) or, for External Secrets, a strict struct of the
// fields this repository uses: an unknown or misspelt field, a wrong type, a bad quantity or an
// unexpected kind is an error. It prints one JSON report on stdout for test/deploy/k8s.test.ts.
//
//	k8s-validate <kustomization dir>...
//
// Exit status: 0 every rendering is valid, 1 some object or rendering is not, 2 usage.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// Rendering is the outcome for one kustomization directory.
type Rendering struct {
	Dir     string           `json:"dir"`
	Objects []map[string]any `json:"objects"`
	Errors  []string         `json:"errors"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: k8s-validate <kustomization dir>...")
		os.Exit(2)
	}
	renderings := make([]Rendering, 0, len(os.Args)-1)
	valid := true
	for _, dir := range os.Args[1:] {
		rendering := render(dir)
		valid = valid && len(rendering.Errors) == 0
		renderings = append(renderings, rendering)
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", " ")
	if err := encoder.Encode(map[string]any{"renderings": renderings}); err != nil {
		fmt.Fprintf(os.Stderr, "k8s-validate: %v\n", err)
		os.Exit(2)
	}
	if !valid {
		os.Exit(1)
	}
}

func render(dir string) Rendering {
	rendering := Rendering{Dir: dir, Objects: []map[string]any{}, Errors: []string{}}
	kustomizer := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := kustomizer.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		rendering.Errors = append(rendering.Errors, fmt.Sprintf("kustomize build %s: %v", dir, err))
		return rendering
	}
	for _, resource := range resources.Resources() {
		document, err := resource.AsYAML()
		name := resource.CurId().String()
		if err != nil {
			rendering.Errors = append(rendering.Errors, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		if err := decodeStrict(resource.GetApiVersion(), resource.GetKind(), document); err != nil {
			rendering.Errors = append(rendering.Errors, fmt.Sprintf("%s: %v", name, err))
		}
		object, err := resource.Map()
		if err != nil {
			rendering.Errors = append(rendering.Errors, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		rendering.Objects = append(rendering.Objects, object)
	}
	return rendering
}
