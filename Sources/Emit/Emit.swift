import RiskModel
