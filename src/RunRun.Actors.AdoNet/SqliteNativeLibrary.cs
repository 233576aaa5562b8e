using System.Reflection;
using System.Runtime.InteropServices;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Chooses the native SQLite library. The e_sqlite3 build bundled with SQLitePCLRaw 2.0.6 (the newest
/// that restores here) was compiled without usleep, so every wait inside SQLite, its busy handler and a
/// WAL reader's retry alike, sleeps whole seconds: under load a write batch now and then stalled for
/// exactly one second, and every order waiting on it with it. The operating system's libsqlite3 (Debian's
/// libsqlite3-0) sleeps in milliseconds, so it is preferred where it is present, new enough for the
/// storage's SQL (upsert, 3.24) and keeps to milliseconds; otherwise the bundled library is used.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const int MinimumVersionNumber = 3_024_000;

    // Linux and macOS names; Windows has none, and its bundled build sleeps in milliseconds anyway.
    private static readonly string[] SystemNames = ["libsqlite3.so.0", "libsqlite3.so", "libsqlite3.dylib"];

    private static readonly Lazy<(nint Handle, string Description)> Chosen = new(Choose);

    private delegate int SleepFunction(int milliseconds);

    private delegate int VersionNumberFunction();

    /// <summary>Which library SQLite calls go to and its version, for the start-up log.</summary>
    public static string Description => Chosen.Value.Description;

    /// <summary>Loads the library once, before the first SQLite call of the process.</summary>
    public static void EnsureLoaded() => _ = Chosen.Value;

    /// <summary>Asks the chosen library to sleep; it answers how many milliseconds it slept.</summary>
    public static int Sleep(int milliseconds) => Export<SleepFunction>(Chosen.Value.Handle, "sqlite3_sleep")(milliseconds);

    private static (nint, string) Choose()
    {
        var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
        foreach (var name in SystemNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle) && IsUsable(handle, out var version) && TryRedirect(provider, handle))
            {
                SQLitePCL.Batteries_V2.Init();
                return (handle, $"SQLite {version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000} ({name})");
            }
        }

        SQLitePCL.Batteries_V2.Init();
        var bundled = NativeLibrary.Load("e_sqlite3", provider, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories);
        return (bundled, $"SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()} (bundled e_sqlite3)");
    }

    /// <summary>Sends the provider's own library name to <paramref name="handle"/>; anything else it loads resolves as usual.</summary>
    private static bool TryRedirect(Assembly provider, nint handle)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(provider, (library, _, _) => library == "e_sqlite3" ? handle : 0);
            return true;
        }
        catch (InvalidOperationException)
        {
            // The host already chose how this assembly finds its library; that choice stands.
            return false;
        }
    }

    private static bool IsUsable(nint handle, out int version)
    {
        version = 0;
        if (!NativeLibrary.TryGetExport(handle, "sqlite3_libversion_number", out _) || !NativeLibrary.TryGetExport(handle, "sqlite3_sleep", out _))
        {
            return false;
        }

        version = Export<VersionNumberFunction>(handle, "sqlite3_libversion_number")();
        return version >= MinimumVersionNumber && Export<SleepFunction>(handle, "sqlite3_sleep")(1) < 1_000;
    }

    private static T Export<T>(nint handle, string name)
        where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
}
