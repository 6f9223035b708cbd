package main

// ExternalSecret (external-secrets.io/v1) with only the fields deploy/k8s uses, so that strict
// decoding rejects anything else; the operator's Go module is far heavier than this check needs.
type ExternalSecret struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   ObjectMeta         `json:"metadata"`
	Spec       ExternalSecretSpec `json:"spec"`
}

type ObjectMeta struct {
	Name        string            `json:"name"`
	Namespace   string            `json:"namespace,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

type ExternalSecretSpec struct {
	RefreshInterval string                `json:"refreshInterval"`
	SecretStoreRef  SecretStoreRef        `json:"secretStoreRef"`
	Target          ExternalSecretTarget  `json:"target"`
	Data            []ExternalSecretDatum `json:"data"`
}

type SecretStoreRef struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

type ExternalSecretTarget struct {
	Name           string `json:"name"`
	CreationPolicy string `json:"creationPolicy"`
}

type ExternalSecretDatum struct {
	SecretKey string    `json:"secretKey"`
	RemoteRef RemoteRef `json:"remoteRef"`
}

type RemoteRef struct {
	Key      string `json:"key"`
	Property string `json:"property"`
}
