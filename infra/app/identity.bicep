// The one user-assigned managed identity of the app: the function app runs as it, pulls its package with it
// and reaches storage, Key Vault, Application Insights and Communication Services with it (roles: ../rbac.bicep).

@description('Required. Name of the user-assigned managed identity.')
param name string

@description('Optional. Azure region of the identity.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the identity.')
param tags { *: string } = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource ID of the identity.')
output resourceId string = identity.id

@description('The principal (object) ID of the identity, for role assignments.')
output principalId string = identity.properties.principalId

@description('The client (application) ID of the identity, for `__clientId` connection settings.')
output clientId string = identity.properties.clientId
