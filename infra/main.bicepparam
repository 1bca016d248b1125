// Parameters for `azd up` / `azd provision` and for azure-pipelines.yml: both set these environment variables
// (azd from the azd environment; the pipeline from its variables, docs/deployment.md).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'orderfunctions')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param deployerPrincipalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Required, no default: `azd env set NOTIFICATIONS_DEFAULT_RECIPIENT ops@example.com` (the pipeline maps its
// notificationRecipient variable). Integrations with a notification address of their own use that one instead.
param notificationRecipient = readEnvironmentVariable('NOTIFICATIONS_DEFAULT_RECIPIENT')

// Scale: memory per instance (512, 2048 or 4096 MB) and the instance ceiling. Edit here to change them.
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
