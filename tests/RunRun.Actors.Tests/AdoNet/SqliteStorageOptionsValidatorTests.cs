using RunRun.Actors.AdoNet;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteStorageOptionsValidatorTests
{
    private readonly SqliteStorageOptionsValidator _validator = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoDataSource_FailsNamingTheDataSourceKey(string? dataSource)
    {
        var result = _validator.Validate("Default", new SqliteStorageOptions { DataSource = dataSource });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:DataSource must be set");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NonPositiveMaxBatchSize_FailsNamingTheKey(int maxBatchSize)
    {
        var result = _validator.Validate("Default", new SqliteStorageOptions { DataSource = "x.db", MaxBatchSize = maxBatchSize });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:MaxBatchSize must be positive");
    }

    [Fact]
    public void Validate_NegativeBusyTimeout_FailsNamingTheKey()
    {
        var result = _validator.Validate("Default", new SqliteStorageOptions { DataSource = "x.db", BusyTimeout = TimeSpan.FromSeconds(-1) });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:BusyTimeout");
    }

    [Fact]
    public void Validate_UndefinedSynchronous_FailsNamingTheKey()
    {
        var result = _validator.Validate("Default", new SqliteStorageOptions { DataSource = "x.db", Synchronous = (SqliteSynchronous)7 });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:Synchronous");
    }

    [Fact]
    public void Validate_DataSourceAndConnectionString_FailsNamingBoth()
    {
        var result = _validator.Validate("Default", new SqliteStorageOptions { DataSource = "x.db", ConnectionString = "Data Source=y.db" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:DataSource");
        result.FailureMessage.ShouldContain("RunRun:Storage:Sqlite:ConnectionString");
    }

    [Fact]
    public void Validate_InMemoryDataSource_Fails()
    {
        _validator.Validate("Default", new SqliteStorageOptions { DataSource = ":memory:" }).Failed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("data/storage.db", null)]
    [InlineData(null, "Data Source=data/storage.db;Cache=Shared")]
    public void Validate_FileAndDefaults_Succeeds(string? dataSource, string? connectionString)
    {
        _validator.Validate("Default", new SqliteStorageOptions { DataSource = dataSource, ConnectionString = connectionString })
            .Succeeded.ShouldBeTrue();
    }
}
