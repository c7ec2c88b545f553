{{- define "slbcert.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "slbcert.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "slbcert.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slbcert.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "slbcert.labels" -}}
{{ include "slbcert.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "slbcert.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "slbcert.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The rules the operator needs on the resources it manages and reads. */}}
{{- define "slbcert.operatorRules" -}}
- apiGroups: ["slbcert.dev"]
  resources: ["servercertificates"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["slbcert.dev"]
  resources: ["servercertificates/status"]
  verbs: ["patch"]
- apiGroups: ["slbcert.dev"]
  resources: ["servercertificates/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- if .Values.serviceBinding.enabled }}
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "patch"]
{{- end }}
{{- end -}}
