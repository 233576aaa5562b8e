using System.Linq;
using Microsoft.CodeAnalysis;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>Decides where the grain factory gets each constructor argument from.</summary>
internal static class ConstructorArguments
{
    private const string DefaultStorageName = "Default";

    /// <returns>Null when the parameter has [PersistentState] but is not an IPersistentState&lt;T&gt;.</returns>
    public static ConstructorArgumentModel? Resolve(IParameterSymbol parameter)
    {
        var attributes = parameter.GetAttributes();
        var state = attributes.FirstOrDefault(a => GrainSymbols.IsPersistentStateAttribute(a.AttributeClass));
        if (state is not null)
        {
            return GrainSymbols.IsPersistentState(parameter.Type, out var stateType)
                ? new ConstructorArgumentModel(ConstructorArgumentKind.PersistentState, TypeNames.Code(stateType), State: StateOf(state))
                : null;
        }

        if (GrainSymbols.IsGrainContext(parameter.Type))
        {
            return new ConstructorArgumentModel(ConstructorArgumentKind.GrainContext, TypeNames.Code(parameter.Type));
        }

        var serviceType = TypeNames.Service(parameter.Type);
        var keyed = attributes.FirstOrDefault(a => GrainSymbols.IsFromKeyedServicesAttribute(a.AttributeClass));
        // The parameterless form inherits the key of the service being built; a grain has none.
        if (keyed is { ConstructorArguments.Length: > 0 })
        {
            var key = ConstantFormatter.Format(keyed.ConstructorArguments[0]);
            return new ConstructorArgumentModel(ConstructorArgumentKind.KeyedService, serviceType, Key: key);
        }

        if (parameter.HasExplicitDefaultValue)
        {
            var defaultValue = ConstantFormatter.Value(parameter.ExplicitDefaultValue, parameter.Type);
            if (parameter.Type.IsValueType)
            {
                // Value types are looked up untyped and matched with a type pattern, which needs
                // the underlying type of a Nullable<T>.
                var underlying = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    ? nullable.TypeArguments[0]
                    : parameter.Type;
                return new ConstructorArgumentModel(
                    ConstructorArgumentKind.OptionalService, TypeNames.TypeOf(underlying), IsValueType: true, DefaultValue: defaultValue);
            }

            return new ConstructorArgumentModel(ConstructorArgumentKind.OptionalService, serviceType, DefaultValue: defaultValue);
        }

        return new ConstructorArgumentModel(ConstructorArgumentKind.RequiredService, serviceType);
    }

    private static PersistentStateModel StateOf(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        var stateName = arguments.Length > 0 ? arguments[0].Value as string : null;
        var storageName = arguments.Length > 1 ? arguments[1].Value as string : DefaultStorageName;
        return new PersistentStateModel(stateName, storageName);
    }
}
