// OrderFunctions in one resource group: a Flex Consumption function app running the custom handler, one
// user-assigned identity for every connection, storage without keys, Application Insights with Entra ID
// ingestion, Key Vault for connector secrets and Communication Services for email. `azd up` deploys it with
// main.bicepparam; azure-pipelines.yml deploys the same file (docs/deployment.md).

targetScope = 'resourceGroup'

@description('Required. Name of the environment (e.g. the azd environment); seeds the unique resource names and tags every resource.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Optional. Azure region of the resources (Communication Services is global). Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Optional. Principal ID of the person or pipeline deploying, granted operator data access (Key Vault secrets, queues, tables). Empty: no grant.')
param deployerPrincipalId string = ''

@description('Optional. Kind of the deploying principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

@description('Optional. Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of function app instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Where Communication Services stores data at rest.')
param communicationDataLocation string = 'Europe'

@description('Required. Email address receiving the notifications of integrations that have no address of their own.')
@minLength(3)
param notificationRecipient string

@description('Optional. Name of the user-assigned identity. Empty: generated.')
param identityName string = ''

@description('Optional. Name of the storage account. Empty: generated.')
param storageAccountName string = ''

@description('Optional. Name of the Log Analytics workspace. Empty: generated.')
param logAnalyticsName string = ''

@description('Optional. Name of the Application Insights component. Empty: generated.')
param applicationInsightsName string = ''

@description('Optional. Name of the Key Vault. Empty: generated.')
param keyVaultName string = ''

@description('Optional. Name of the Communication Services resource. Empty: generated.')
param communicationServiceName string = ''

@description('Optional. Name of the Email Communication Service resource. Empty: generated.')
param emailServiceName string = ''

@description('Optional. Name of the Flex Consumption plan. Empty: generated.')
param functionPlanName string = ''

@description('Optional. Name of the function app. Empty: generated.')
param functionAppName string = ''

var abbreviations = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'orderfunctions'
}

// The service name in azure.yaml; `azd deploy` finds the function app by this tag value.
var serviceName = 'orderfunctions'

var names = {
  identity: !empty(identityName) ? identityName : '${abbreviations.managedIdentityUserAssignedIdentities}${resourceToken}'
  storage: !empty(storageAccountName) ? storageAccountName : '${abbreviations.storageStorageAccounts}${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : '${abbreviations.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: !empty(applicationInsightsName) ? applicationInsightsName : '${abbreviations.insightsComponents}${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : '${abbreviations.keyVaultVaults}${resourceToken}'
  communicationService: !empty(communicationServiceName) ? communicationServiceName : '${abbreviations.communicationCommunicationServices}${resourceToken}'
  emailService: !empty(emailServiceName) ? emailServiceName : '${abbreviations.communicationEmailServices}${resourceToken}'
  functionPlan: !empty(functionPlanName) ? functionPlanName : '${abbreviations.webServerFarms}${resourceToken}'
  functionApp: !empty(functionAppName) ? functionAppName : '${abbreviations.webSitesFunctions}${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
}

// The queues and tables the app uses, by the names its code gives them (WorkflowStorageNames, NewOrdersDigestOutbox,
// WebhookDeliveries);
// ConfigurationDriftTests keeps the lists in step. The host creates the <queue>-poison twins itself.
var workflowQueueNames = [
  'workflow-polls'
  'workflow-steps'
  'notifications'
  'notification-digests'
]
var workflowTableNames = [
  'Integrations'
  'Orders'
  'notificationdigests'
  'WebhookDeliveries'
]

module identity 'app/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    queueNames: workflowQueueNames
    tableNames: workflowTableNames
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  params: {
    communicationServiceName: names.communicationService
    emailServiceName: names.emailService
    dataLocation: communicationDataLocation
    tags: tags
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  params: {
    appIdentityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    communicationServiceName: names.communicationService
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
  // Names are passed as known values (so what-if can predict the assignments); the order is explicit.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
    communication
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  params: {
    planName: names.functionPlan
    name: names.functionApp
    location: location
    tags: tags
    serviceName: serviceName
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.applicationInsights
    keyVaultUri: keyVault.outputs.uri
    communicationEndpoint: communication.outputs.endpoint
    senderAddress: communication.outputs.senderAddress
    notificationRecipient: notificationRecipient
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  // The app starts pulling its package and opening connections as soon as it exists: grant first.
  dependsOn: [
    monitoring
    rbac
  ]
}

// Outputs become azd environment values and pipeline variables. Names and endpoints only, never a secret.
@description('The resource group everything is deployed to.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('The function app name (az functionapp commands, the pipeline\'s deploy step).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('The function app host name; the API is under https://<host>/api.')
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName

@description('The Key Vault that holds connector secrets.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('The Key Vault URI, where connector secrets are read from.')
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri

@description('The storage account of the workflow state and queues.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('The client ID of the app identity.')
output AZURE_APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The address notification emails come from.')
output NOTIFICATIONS_SENDER_ADDRESS string = communication.outputs.senderAddress
