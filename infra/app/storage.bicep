// The app's one storage account: Functions host storage (blob leases, keys, timers), the Flex Consumption
// deployment container, and the workflow's tables and queues. Entra ID only: Shared Key is disabled, so no
// account key or SAS can exist for it anywhere.

@description('Required. Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the account.')
param tags { *: string } = {}

@description('Optional. Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Required. Name of the blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Required. Queues the app sends to and triggers on (their `-poison` twins are created by the host).')
param queueNames string[]

@description('Required. Tables the app keeps its state in.')
param tableNames string[]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without virtual network integration reaches storage over its public endpoint;
    // access is still Entra ID only (allowSharedKeyAccess false).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }
}

@description('The name of the storage account.')
output name string = account.name

@description('The resource ID of the storage account.')
output resourceId string = account.id

@description('The blob service endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('The queue service endpoint, e.g. https://<name>.queue.core.windows.net/.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('The table service endpoint, e.g. https://<name>.table.core.windows.net/.')
output tableEndpoint string = account.properties.primaryEndpoints.table
