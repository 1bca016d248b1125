// Azure Communication Services with an Email Communication Service and its free Azure-managed domain
// (<guid>.azurecomm.net, verified by Azure, no DNS work). The app sends through the ACS endpoint with its
// managed identity (Entra ID), so no ACS access key is ever read (../rbac.bicep grants the sending role).

@description('Required. Name of the Communication Services resource (globally unique).')
param communicationServiceName string

@description('Required. Name of the Email Communication Service resource.')
param emailServiceName string

@description('Optional. Where ACS stores data at rest. Both resources must share it to link the domain.')
@allowed([
  'Africa'
  'Asia Pacific'
  'Australia'
  'Brazil'
  'Canada'
  'Europe'
  'France'
  'Germany'
  'India'
  'Japan'
  'Korea'
  'Norway'
  'Switzerland'
  'UAE'
  'UK'
  'United States'
])
param dataLocation string = 'Europe'

@description('Optional. Tags applied to the resources.')
param tags { *: string } = {}

// Communication Services and Email Communication Services are global resources: 'global' is the only location
// they accept, not a hard-coded region.
var globalLocation = 'global'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: globalLocation
  tags: tags
  properties: {
    dataLocation: dataLocation
  }

  resource azureManagedDomain 'domains' = {
    name: 'AzureManagedDomain'
    location: globalLocation
    tags: tags
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: globalLocation
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      emailService::azureManagedDomain.id
    ]
  }
}

@description('The name of the Communication Services resource.')
output name string = communicationService.name

@description('The resource ID of the Communication Services resource.')
output resourceId string = communicationService.id

@description('The endpoint the app sends email through, e.g. https://<name>.<geo>.communication.azure.com.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('The sender address: the DoNotReply mailbox every Azure-managed domain comes with.')
output senderAddress string = 'DoNotReply@${emailService::azureManagedDomain.properties.mailFromSenderDomain}'
