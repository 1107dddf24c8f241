{{/* Chart name. */}}
{{- define "din-serving.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name. */}}
{{- define "din-serving.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "din-serving.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "din-serving.labels" -}}
helm.sh/chart: {{ include "din-serving.chart" . }}
{{ include "din-serving.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "din-serving.selectorLabels" -}}
app.kubernetes.io/name: {{ include "din-serving.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "din-serving.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "din-serving.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image: the GPU one when gpu.enabled. */}}
{{- define "din-serving.image" -}}
{{- if .Values.gpu.enabled }}
{{- printf "%s:%s" .Values.gpu.image.repository .Values.gpu.image.tag }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Directory holding model bundles inside the container. */}}
{{- define "din-serving.modelsDir" -}}
{{- if eq .Values.model.source "image" }}/app/models{{ else }}/models{{ end }}
{{- end }}

{{/* Port serving actuator. */}}
{{- define "din-serving.managementPortName" -}}
{{- if .Values.managementPort }}management{{ else }}http{{ end }}
{{- end }}

{{/* The model path the service reads: a bundle or a repository under the models directory. */}}
{{- define "din-serving.modelPath" -}}
{{- if eq .Values.model.bundle "." }}{{ include "din-serving.modelsDir" . }}{{ else }}{{ printf "%s/%s" (include "din-serving.modelsDir" .) .Values.model.bundle }}{{ end }}
{{- end }}

{{/* JVM flags shared by the service and the retraining job. */}}
{{- define "din-serving.javaToolOptions" -}}
{{- printf "-XX:+UseContainerSupport -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=%v -Dai.djl.pytorch.num_interop_threads=%v %s" .Values.djl.numThreads .Values.djl.numInteropThreads .Values.javaOpts }}
{{- end }}

{{/*
The service configuration: .Values.config with the user store, the event topic and the impression
log set from their own values, which the chart checks and mounts what they need for.
*/}}
{{- define "din-serving.config" -}}
{{- if not (has .Values.users.store (list "memory" "redis")) }}
{{- fail (printf "users.store must be memory or redis, was %q" .Values.users.store) }}
{{- end }}
{{- if and (eq .Values.users.store "redis") (not .Values.users.redis.url) }}
{{- fail "users.store redis needs users.redis.url" }}
{{- end }}
{{- $logging := gt (float64 .Values.impressions.sampleRate) 0.0 }}
{{- if and $logging (not .Values.impressions.claimName) }}
{{- fail "impressions.sampleRate above 0 needs impressions.claimName: the log must outlive the pod" }}
{{- end }}
{{- $config := deepCopy .Values.config }}
{{- $din := default dict $config.din }}
{{- $_ := set $din "users" (merge (default dict $din.users) (dict "store" .Values.users.store)) }}
{{- with .Values.events.kafka.bootstrapServers }}
{{- $kafka := dict "bootstrap-servers" . "topic" $.Values.events.kafka.topic }}
{{- with $.Values.events.kafka.groupId }}{{ $_ := set $kafka "group-id" . }}{{ end }}
{{- $_ := set $din "events" (merge (default dict $din.events) (dict "kafka" $kafka)) }}
{{- end }}
{{- if $logging }}
{{- $_ := set $din "impressions" (dict "sample-rate" .Values.impressions.sampleRate "directory" "/impressions") }}
{{- end }}
{{- $_ := set $config "din" $din }}
{{- with .Values.users.redis.url }}
{{- $_ := set $config "spring" (dict "data" (dict "redis" (dict "url" .))) }}
{{- end }}
{{- toYaml $config }}
{{- end }}
