package main

import (
	"fmt"
	"slices"
	"sort"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// KEDA's keda.sh/v1alpha1 ScaledObject and TriggerAuthentication, transcribed from
// github.com/kedacore/keda/v2 v2.21.0 apis/keda/v1alpha1 (spec only; TriggerAuthentication limited
// to Secret and environment sources). The module itself links client-go and controller-runtime and
// took 2 min 27 s to build cold here against 1 min 28 s without it, so the fields are copied instead.

type ScaledObject struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ScaledObjectSpec `json:"spec"`
}

type ScaledObjectSpec struct {
	ScaleTargetRef        *ScaleTarget    `json:"scaleTargetRef"`
	PollingInterval       *int32          `json:"pollingInterval,omitempty"`
	InitialCooldownPeriod *int32          `json:"initialCooldownPeriod,omitempty"`
	CooldownPeriod        *int32          `json:"cooldownPeriod,omitempty"`
	IdleReplicaCount      *int32          `json:"idleReplicaCount,omitempty"`
	MinReplicaCount       *int32          `json:"minReplicaCount,omitempty"`
	MaxReplicaCount       *int32          `json:"maxReplicaCount,omitempty"`
	Advanced              *AdvancedConfig `json:"advanced,omitempty"`
	Triggers              []ScaleTriggers `json:"triggers"`
	Fallback              *Fallback       `json:"fallback,omitempty"`
}

type ScaleTarget struct {
	Name                   string `json:"name"`
	APIVersion             string `json:"apiVersion,omitempty"`
	Kind                   string `json:"kind,omitempty"`
	EnvSourceContainerName string `json:"envSourceContainerName,omitempty"`
}

type AdvancedConfig struct {
	HorizontalPodAutoscalerConfig *HorizontalPodAutoscalerConfig `json:"horizontalPodAutoscalerConfig,omitempty"`
	RestoreToOriginalReplicaCount bool                           `json:"restoreToOriginalReplicaCount,omitempty"`
}

type HorizontalPodAutoscalerConfig struct {
	Behavior *autoscalingv2.HorizontalPodAutoscalerBehavior `json:"behavior,omitempty"`
	Name     string                                         `json:"name,omitempty"`
}

type Fallback struct {
	FailureThreshold int32  `json:"failureThreshold"`
	Replicas         int32  `json:"replicas"`
	Behavior         string `json:"behavior,omitempty"`
}

type ScaleTriggers struct {
	Type              string                         `json:"type"`
	Name              string                         `json:"name,omitempty"`
	UseCachedMetrics  bool                           `json:"useCachedMetrics,omitempty"`
	Metadata          map[string]string              `json:"metadata"`
	AuthenticationRef *AuthenticationRef             `json:"authenticationRef,omitempty"`
	MetricType        autoscalingv2.MetricTargetType `json:"metricType,omitempty"`
}

type AuthenticationRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

type TriggerAuthentication struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              TriggerAuthenticationSpec `json:"spec"`
}

type TriggerAuthenticationSpec struct {
	SecretTargetRef []AuthTargetRef   `json:"secretTargetRef,omitempty"`
	Env             []AuthEnvironment `json:"env,omitempty"`
}

type AuthTargetRef struct {
	Parameter string `json:"parameter"`
	Name      string `json:"name"`
	Key       string `json:"key"`
}

type AuthEnvironment struct {
	Parameter     string `json:"parameter"`
	Name          string `json:"name"`
	ContainerName string `json:"containerName,omitempty"`
}

// The rabbitmq scaler's trigger metadata keys (pkg/scalers/rabbitmq_scaler.go): metadata is a plain
// string map, so a misspelt key would otherwise be ignored by KEDA and by any type check.
var rabbitmqMetadataKeys = []string{
	"activationValue", "excludeUnacknowledged", "host", "hostFromEnv", "mode", "operation", "pageSize",
	"protocol", "queueLength", "queueName", "timeout", "unsafeSsl", "useRegex", "value", "vhostName",
}

// checkScaledObject adds what strict decoding cannot see: required fields and the rabbitmq trigger.
func checkScaledObject(object *ScaledObject) error {
	if object.Spec.ScaleTargetRef == nil || object.Spec.ScaleTargetRef.Name == "" {
		return fmt.Errorf("spec.scaleTargetRef.name is required")
	}
	if len(object.Spec.Triggers) == 0 {
		return fmt.Errorf("spec.triggers is empty")
	}
	for index, trigger := range object.Spec.Triggers {
		if trigger.Type != "rabbitmq" {
			continue
		}
		keys := make([]string, 0, len(trigger.Metadata))
		for key := range trigger.Metadata {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			if !slices.Contains(rabbitmqMetadataKeys, key) {
				return fmt.Errorf("spec.triggers[%d].metadata: unknown rabbitmq field %q", index, key)
			}
		}
		if protocol := trigger.Metadata["protocol"]; !slices.Contains([]string{"", "auto", "amqp", "http"}, protocol) {
			return fmt.Errorf("spec.triggers[%d].metadata.protocol: %q is not auto, amqp or http", index, protocol)
		}
		if mode := trigger.Metadata["mode"]; !slices.Contains([]string{"QueueLength", "MessageRate"}, mode) {
			return fmt.Errorf("spec.triggers[%d].metadata.mode: %q is not QueueLength or MessageRate", index, mode)
		}
	}
	return nil
}
