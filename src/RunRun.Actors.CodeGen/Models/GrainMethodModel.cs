namespace RunRun.Actors.CodeGen.Models;

/// <summary>One method of a grain interface's method set, own or inherited.</summary>
/// <param name="DeclaringInterfaceName">Wire name of the interface that declares the method.</param>
/// <param name="DeclaringInterfaceTypeName">Global-qualified type of the declaring interface.</param>
/// <param name="IsDeclaredHere">False for methods inherited from a base grain interface.</param>
/// <param name="Name">The method's name as declared.</param>
/// <param name="MethodId">Stable id within the declaring interface: the name, plus parameter types when overloaded.</param>
/// <param name="ReturnTypeName">Global-qualified return type, as declared.</param>
/// <param name="ResultTypeName">The T of Task&lt;T&gt; or ValueTask&lt;T&gt;; null for methods without a result.</param>
internal sealed record GrainMethodModel(
    string DeclaringInterfaceName,
    string DeclaringInterfaceTypeName,
    bool IsDeclaredHere,
    string Name,
    string MethodId,
    ReturnKind ReturnKind,
    string ReturnTypeName,
    string? ResultTypeName,
    MethodOptions Options,
    EquatableArray<ParameterModel> Parameters);
