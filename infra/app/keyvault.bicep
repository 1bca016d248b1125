// Key Vault for connector secrets (marketplace and shop credentials, webhook secrets), referenced by name from
// each integration's SecretName (docs/deployment.md). RBAC mode only: no access policies; the app reads with
// Key Vault Secrets User, an operator writes with Key Vault Secrets Officer (../rbac.bicep).

@description('Required. Name of the vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the vault.')
param tags { *: string } = {}

@description('Optional. Days a deleted secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional. Forbid purging deleted secrets before their retention ends. Cannot be turned off once on.')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM accepts only true or an absent property here: false is rejected, so "off" means omitting it.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption without virtual network integration reaches the vault over its public endpoint.
    publicNetworkAccess: 'Enabled'
  }
}

@description('The name of the vault.')
output name string = vault.name

@description('The resource ID of the vault.')
output resourceId string = vault.id

@description('The vault URI, e.g. https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri
