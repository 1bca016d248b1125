using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>Every role assignment: deterministic name, least-privilege data role, on the one resource it is for.</summary>
public sealed partial class RoleAssignmentTests
{
    private static readonly ModuleDeployment Rbac = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Authorization/roleAssignments");
    private static readonly IReadOnlyList<Grant> Grants = Rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments").Select(Grant.From).ToList();

    // Who gets what where: the least-privilege set docs/deployment.md and the comment of rbac.bicep explain.
    private static readonly Grant[] ExpectedGrants =
    [
        new("app", "Microsoft.Storage/storageAccounts", "Storage Blob Data Owner"),
        new("app", "Microsoft.Storage/storageAccounts", "Storage Queue Data Contributor"),
        new("app", "Microsoft.Storage/storageAccounts", "Storage Table Data Contributor"),
        new("app", "Microsoft.KeyVault/vaults", "Key Vault Secrets User"),
        new("app", "Microsoft.Insights/components", "Monitoring Metrics Publisher"),
        new("app", "Microsoft.Communication/communicationServices", "Communication and Email Service Owner"),
        new("deployer", "Microsoft.KeyVault/vaults", "Key Vault Secrets Officer"),
        new("deployer", "Microsoft.Storage/storageAccounts", "Storage Queue Data Contributor"),
        new("deployer", "Microsoft.Storage/storageAccounts", "Storage Table Data Contributor"),
    ];

    [Fact]
    public void GrantsAreExactlyTheLeastPrivilegeSet()
    {
        Assert.Equal(
            ExpectedGrants.Select(grant => grant.ToString()).Order(),
            Grants.Select(grant => grant.ToString()).Order());
    }

    [Fact]
    public void NoIdentityGetsAControlPlaneOrAccountWideRole()
    {
        var roleIds = Rbac.Template["variables"]!["roles"]!.AsObject().Select(role => (string)role.Value!).ToList();

        Assert.Empty(roleIds.Intersect(BuiltInRoles.TooBroad.Values));
    }

    [Fact]
    public void AssignmentNamesAreGuidsOfScopePrincipalAndRole()
    {
        foreach (var assignment in Rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var name = (string)assignment["name"]!;
            var scope = (string)assignment["scope"]!;
            var role = RoleReference().Match((string)assignment["properties"]!["roleDefinitionId"]!).Value;

            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.Contains(scope.Trim('[', ']'), name, StringComparison.Ordinal);
            Assert.Contains(role, name, StringComparison.Ordinal);
            Assert.Matches(@"userAssignedIdentities|deployerPrincipalId", name);
            Assert.DoesNotContain("newGuid", name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DeployerGrantsAreSkippedWhenNoDeployerIsGiven()
    {
        var deployerAssignments = Rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => Grant.From(assignment).Principal == "deployer");

        Assert.All(deployerAssignments, assignment => Assert.Equal("[variables('grantDeployer')]", (string?)assignment["condition"]));
        Assert.Equal("[not(empty(parameters('deployerPrincipalId')))]", (string?)Rbac.Template["variables"]!["grantDeployer"]);
    }

    [Fact]
    public void EachRoleIdIsWrittenOnceInInfra()
    {
        var roleIdsInFiles = Directory.GetFiles(RepositoryLayout.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(path => GuidLiteral().Matches(File.ReadAllText(path)).Select(match => match.Value))
            .ToList();

        Assert.NotEmpty(roleIdsInFiles);
        Assert.Equal(roleIdsInFiles.Distinct().Order(), roleIdsInFiles.Order());
    }

    [GeneratedRegex(@"variables\('roles'\)\.\w+")]
    private static partial Regex RoleReference();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidLiteral();

    /// <summary>One assignment, read back from the compiled template: principal (app or deployer), scope type, role name.</summary>
    private sealed record Grant(string Principal, string ScopeType, string Role)
    {
        public static Grant From(JsonObject assignment)
        {
            var principalId = (string)assignment["properties"]!["principalId"]!;
            var principal = principalId.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.Ordinal) ? "app"
                : principalId == "[parameters('deployerPrincipalId')]" ? "deployer"
                : throw new InvalidOperationException($"Unexpected principal {principalId}.");

            var scopeType = ScopeResourceType().Match((string)assignment["scope"]!).Groups["type"].Value;

            var roleName = RoleReference().Match((string)assignment["properties"]!["roleDefinitionId"]!).Value.Split('.').Last();
            var roleId = (string)Rbac.Template["variables"]!["roles"]![roleName]!;
            var role = BuiltInRoles.ByName.SingleOrDefault(pair => pair.Value == roleId).Key
                ?? throw new InvalidOperationException($"Role {roleName} = {roleId} is not a role this deployment should grant.");

            return new Grant(principal, scopeType, role);
        }
    }

    [GeneratedRegex(@"resourceId\('(?<type>[^']+)'")]
    private static partial Regex ScopeResourceType();
}
