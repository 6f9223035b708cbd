package main

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

// newObject returns an empty value of the Go type for apiVersion/kind, or nil for a kind this
// repository does not ship (which is then an error: a typo in kind must not pass unchecked).
func newObject(apiVersion, kind string) any {
	switch apiVersion + "/" + kind {
	case "v1/Namespace":
		return &corev1.Namespace{}
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}
	case "v1/Secret":
		return &corev1.Secret{}
	case "v1/Service":
		return &corev1.Service{}
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}
	case "keda.sh/v1alpha1/ScaledObject":
		return &ScaledObject{}
	case "keda.sh/v1alpha1/TriggerAuthentication":
		return &TriggerAuthentication{}
	case "external-secrets.io/v1/ExternalSecret":
		return &ExternalSecret{}
	}
	return nil
}

// decodeStrict decodes document into its type, refusing unknown and duplicate fields, then runs the
// checks a type alone cannot express.
func decodeStrict(apiVersion, kind string, document []byte) error {
	object := newObject(apiVersion, kind)
	if object == nil {
		return fmt.Errorf("unexpected kind %s %s (not one this repository ships)", apiVersion, kind)
	}
	if err := yaml.UnmarshalStrict(document, object); err != nil {
		return fmt.Errorf("strict decode as %s %s: %w", apiVersion, kind, err)
	}
	if scaledObject, ok := object.(*ScaledObject); ok {
		return checkScaledObject(scaledObject)
	}
	return nil
}
