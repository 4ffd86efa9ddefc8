using Microsoft.EntityFrameworkCore.Design;

namespace PakLoad.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's model without a running host or server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPakLoadDbContext>
{
    public PostgresPakLoadDbContext CreateDbContext(string[] args) =>
        ProviderSetup.CreatePostgres("Host=localhost;Database=pakload_design");
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePakLoadDbContext>
{
    public SqlitePakLoadDbContext CreateDbContext(string[] args) =>
        ProviderSetup.CreateSqlite("Data Source=pakload_design.db");
}
