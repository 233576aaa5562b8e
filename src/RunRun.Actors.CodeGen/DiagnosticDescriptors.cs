using Microsoft.CodeAnalysis;

namespace RunRun.Actors.CodeGen;

/// <summary>The errors the generator reports for grain interfaces and classes it cannot generate code for.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "RunRun.Actors.CodeGen";

    public static readonly DiagnosticDescriptor GenericGrainInterface = Error(
        "RRG001",
        "Grain interfaces must not be generic",
        "Grain interface '{0}' is generic; grain interfaces must not have type parameters",
        "A grain interface is addressed by a stable name on the wire, which a generic interface does not have.");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "RRG002",
        "Grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain method '{0}' returns '{1}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain calls are asynchronous messages, so every grain method must return an awaitable the runtime knows.");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "RRG003",
        "Grain method parameters must be passed by value",
        "Parameter '{1}' of grain method '{0}' is passed by reference ({2}); grain method parameters must be passed by value",
        "Arguments are copied or serialized into a message, so ref, out and in parameters cannot work.");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "RRG004",
        "Grain methods must not be generic",
        "Grain method '{0}' is generic; grain methods must not have type parameters",
        "Invokables are generated per method at build time, which generic methods do not allow.");

    public static readonly DiagnosticDescriptor PropertyOrEvent = Error(
        "RRG005",
        "Grain interfaces may only declare instance methods",
        "Grain interface '{0}' declares {1} '{2}'; grain interfaces may only declare instance methods",
        "Properties, events and static abstract members cannot be turned into grain calls; declare async instance methods instead.");

    public static readonly DiagnosticDescriptor OneWayWithResult = Error(
        "RRG006",
        "One-way grain methods must not return a result",
        "Grain method '{0}' is [OneWay] but returns '{1}'; one-way methods must return Task or ValueTask",
        "The caller of a one-way method does not wait for the grain, so there is no result to return.");

    public static readonly DiagnosticDescriptor GenericGrainClass = Error(
        "RRG007",
        "Grain classes must not be generic",
        "Grain class '{0}' is generic; grain classes must not have type parameters",
        "The generated factory creates grain classes by name, which an open generic class does not allow.");

    public static readonly DiagnosticDescriptor InaccessibleGrainClass = Error(
        "RRG008",
        "Grain classes must be accessible within their assembly",
        "Grain class '{0}' is not accessible from generated code; make it and its containing types public or internal",
        "The generated factory creates grain classes from a separate internal class, so private and protected nested classes cannot be grains.");

    public static readonly DiagnosticDescriptor NoPublicConstructor = Error(
        "RRG009",
        "Grain classes must have a public constructor",
        "Grain class '{0}' has no public constructor",
        "The generated factory creates grains through a public constructor.");

    public static readonly DiagnosticDescriptor PersistentStateWrongType = Error(
        "RRG010",
        "[PersistentState] parameters must be IPersistentState<T>",
        "Parameter '{0}' of grain class '{1}' has [PersistentState] but its type is '{2}', not IPersistentState<T>",
        "The runtime can only inject persistent state through RunRun.Actors.Runtime.IPersistentState<T>.");

    public static readonly DiagnosticDescriptor InaccessibleGrainInterface = Error(
        "RRG011",
        "Grain interfaces must be accessible within their assembly",
        "Grain interface '{0}' is not accessible from generated code; make it and its containing types public or internal",
        "Grain references are generated as separate internal classes, so private and protected nested interfaces cannot be grain interfaces.");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "RRG012",
        "Grain method parameters must be storable types",
        "Parameter '{1}' of grain method '{0}' has type '{2}', which cannot be stored in a message",
        "Arguments are kept in fields of the generated invokable, which ref structs and pointers cannot be.");

    public static readonly DiagnosticDescriptor NonGrainBaseInterface = Error(
        "RRG013",
        "Grain interfaces must only inherit grain interfaces",
        "Grain interface '{0}' inherits '{1}', which has members but is not a grain interface",
        "Only members of grain interfaces are turned into grain calls, so a grain reference could not implement other inherited members.");

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description);
}
