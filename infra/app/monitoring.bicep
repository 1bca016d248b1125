// Log Analytics + workspace-based Application Insights. Local (instrumentation key) auth is disabled on
// both, so telemetry is accepted only from an identity holding Monitoring Metrics Publisher (../rbac.bicep):
// the function app sends it with APPLICATIONINSIGHTS_AUTHENTICATION_STRING (ClientId=…;Authorization=AAD).

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Azure region of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags applied to both resources.')
param tags { *: string } = {}

@description('Optional. Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('The name of the Application Insights component (the function app reads its connection string by name).')
output name string = applicationInsights.name

@description('The resource ID of the Application Insights component.')
output resourceId string = applicationInsights.id

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.id
