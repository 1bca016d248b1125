// The Flex Consumption plan and the Linux function app running the OrderFunctions custom handler
// (functionAppConfig.runtime = custom 1.0). The app runs as the user-assigned identity, pulls its package from
// the deployment container with it, and every connection in its app settings is identity-based. The workflow's
// tables and queues live in the host's storage account (connection AzureWebJobsStorage), so one identity-based
// connection serves the host, the queue triggers and the app's own storage clients.
//
// Flex Consumption rejects or ignores the classic runtime/package app settings (FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT*): runtime, scale and package
// location live in functionAppConfig instead, and the settings below never name them.

@description('Required. Name of the Flex Consumption (FC1) plan.')
param planName string

@description('Required. Name of the function app (globally unique host name).')
param name string

@description('Optional. Azure region of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the plan and the app.')
param tags { *: string } = {}

@description('Required. azd service name from azure.yaml, put on the app as the `azd-service-name` tag so `azd deploy` finds it.')
param serviceName string

@description('Required. Resource ID of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Required. Client ID of the user-assigned identity (the `__clientId` of every connection).')
param identityClientId string

@description('Required. Blob endpoint of the storage account (host storage and the deployment container).')
param storageBlobEndpoint string

@description('Required. Queue endpoint of the storage account.')
param storageQueueEndpoint string

@description('Required. Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Required. Blob container the app package is deployed to and run from.')
param deploymentContainerName string

@description('Required. Name of the Application Insights component the host sends telemetry to.')
param applicationInsightsName string

@description('Required. URI of the Key Vault holding the connector secrets (read with the identity: Key Vault Secrets User).')
param keyVaultUri string

@description('Required. Endpoint of the Communication Services resource the app sends email through.')
param communicationEndpoint string

@description('Required. Sender address of the notification emails.')
param senderAddress string

@description('Required. Address receiving the notifications of integrations that have no address of their own.')
param notificationRecipient string

@description('Optional. How long "new orders" are collected per integration before one digest mail goes out (d.hh:mm:ss).')
param notificationDigestInterval string = '00:15:00'

@description('Optional. NCRONTAB schedule (UTC, 6 fields) of the heartbeat timer.')
param heartbeatSchedule string = '0 */15 * * * *'

@description('Optional. NCRONTAB schedule of the timer that queues the due integration polls (each integration has its own poll interval on top).')
param workflowPollSchedule string = '0 * * * * *'

@description('Optional. NCRONTAB schedule of the sweeper that re-drives overdue orders.')
param workflowSweepSchedule string = '0 */5 * * * *'

@description('Optional. Memory of each instance in MB; CPU and network scale with it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// Every connection the host and the app open, identity-based: the `__credential`/`__clientId` pair makes
// the host and the app's storage clients use the user-assigned identity instead of a key.
var managedIdentityCredential = 'managedidentity'

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage (leases, keys, timer schedules, deployment bookkeeping).
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storageQueueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storageTableEndpoint }
        { name: 'AzureWebJobsStorage__credential', value: managedIdentityCredential }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // Telemetry with Entra ID: the component has local auth disabled.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // Connector credentials (docs/secrets.md): Key Vault secrets named by each integration, read with the identity.
        { name: 'Secrets__KeyVaultUri', value: keyVaultUri }
        { name: 'Secrets__Credential', value: managedIdentityCredential }
        { name: 'Secrets__ClientId', value: identityClientId }
        // Email notifications through Communication Services, authenticated with the identity.
        { name: 'Notifications__Mode', value: 'Acs' }
        { name: 'Notifications__Endpoint', value: communicationEndpoint }
        { name: 'Notifications__Credential', value: managedIdentityCredential }
        { name: 'Notifications__ClientId', value: identityClientId }
        { name: 'Notifications__SenderAddress', value: senderAddress }
        { name: 'Notifications__DefaultRecipient', value: notificationRecipient }
        { name: 'Notifications__DigestInterval', value: notificationDigestInterval }
        { name: 'Notifications__ApiBaseUrl', value: 'https://${name}.azurewebsites.net/api' }
        // The workflow's tuning (WorkflowOptions): the app's production values, listed so operators see every knob.
        // MaxDequeueCount must equal host.json extensions.queues.maxDequeueCount (a test checks it).
        { name: 'Workflow__LeaseDuration', value: '00:02:00' }
        { name: 'Workflow__SweepGrace', value: '00:02:00' }
        { name: 'Workflow__ShipmentProgressInterval', value: '00:10:00' }
        { name: 'Workflow__PollOverlap', value: '00:05:00' }
        { name: 'Workflow__FirstPollLookback', value: '1.00:00:00' }
        { name: 'Workflow__PollClaimDuration', value: '00:00:30' }
        { name: 'Workflow__PollParallelism', value: '4' }
        { name: 'Workflow__RetryDelay', value: '00:00:10' }
        { name: 'Workflow__IntegrationCacheDuration', value: '00:00:30' }
        { name: 'Workflow__MaxDequeueCount', value: '5' }
        // Timer schedules, referenced as %Setting% by the function definitions.
        { name: 'HeartbeatSchedule', value: heartbeatSchedule }
        { name: 'WorkflowPollSchedule', value: workflowPollSchedule }
        { name: 'WorkflowSweepSchedule', value: workflowSweepSchedule }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }

  // Deployments authenticate with Entra ID (azd, az CLI, the pipeline); publishing user names and passwords
  // are turned off.
  resource ftpPublishingCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishingCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

@description('The name of the function app.')
output name string = functionApp.name

@description('The resource ID of the function app.')
output resourceId string = functionApp.id

@description('The default host name of the function app, e.g. <name>.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName
